#!/usr/bin/env bash
# Reproduce the shipped models/emotion model end to end (~2 h on 2 idle CPU cores).
#   bash models/training/run.sh            # from the repo root or anywhere
# Needs: Debian PyTorch (apt-get install -y python3-torch python3-pil python3-numpy
# python3-matplotlib), node_modules at the repo root (npm ci), ../shared/data.
# Re-running resumes: each stage continues from models/training/runs/<stage>/last.pt.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-/usr/bin/python3}
RUN=${RUN:-long}
EPOCHS=${EPOCHS:-80}
# 2 threads on an otherwise idle box (~62 s/epoch), as the shipped stages were trained. If other jobs
# compete for the cores THREADS=1 is faster (two OpenMP threads spin-wait on a preempted sibling and
# can get ~8x slower), but gives slightly different weights.
THREADS=${THREADS:-2}
export OMP_NUM_THREADS=$THREADS
$PY prepare.py                                   # decode JPEGs once -> /tmp/moodiary-cache/*.npz
# 1. one seeded one-cycle run (peak lr 4e-3); best.pt = the epoch with the lowest validation loss
$PY train.py --name "$RUN" --epochs "$EPOCHS" --threads "$THREADS"
# 2. two more teachers: a short second cycle from that checkpoint (close to it), and a smaller net
#    trained on its own for 18 epochs (different: it is what makes the ensemble better than its parts)
$PY train.py --name "$RUN-restart" --epochs 12 --lr 1e-3 --init "$RUN/best.pt" --threads "$THREADS"
$PY train.py --name "$RUN-small" --epochs 18 --widths 8,16,48,96,160 --depths 2,3,2 --threads "$THREADS"
# 3. distillation: another short cycle from step 1's checkpoint, half of every target being the three
#    teachers' mean probability (of the same augmented batch) — the shipped model
$PY train.py --name "$RUN-kd" --epochs 12 --lr 1e-3 --init "$RUN/best.pt" --teacher "$RUN,$RUN-restart,$RUN-small" \
  --kd 0.5 --threads "$THREADS"
# fold BN, uint8/fp16 weights; test-time views (flip, crop zooms) and temperature chosen on validation
THREADS=$THREADS $PY export.py --run "$RUN-kd"
(cd ../.. && node --import tsx models/training/eval_node.ts)   # TF.js run of ours + baseline, latency
$PY evaluate.py --run "$RUN-kd"                  # metrics.json, reliability.png, descriptor metrics
