#!/usr/bin/env bash
# Reproduce the shipped models/emotion model end to end (~1.5 h on 2 idle CPU cores).
#   bash models/training/run.sh            # from the repo root or anywhere
# Needs: Debian PyTorch (apt-get install -y python3-torch python3-pil python3-numpy
# python3-matplotlib), node_modules at the repo root (npm ci), ../shared/data.
# Re-running resumes training from models/training/runs/$RUN/last.pt.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-/usr/bin/python3}
RUN=${RUN:-long}
EPOCHS=${EPOCHS:-80}
# 2 threads on an otherwise idle box (~62 s/epoch). If other jobs compete for the cores use
# THREADS=1: two OpenMP threads spin-wait on a preempted sibling and can get ~8x slower.
THREADS=${THREADS:-2}
export OMP_NUM_THREADS=$THREADS
$PY prepare.py                                   # decode JPEGs once -> /tmp/moodiary-cache/*.npz
# one seeded one-cycle run (peak lr 4e-3); best.pt = the epoch with the lowest validation loss
$PY train.py --name "$RUN" --epochs "$EPOCHS" --threads "$THREADS"
THREADS=$THREADS $PY export.py --run "$RUN"     # fold BN, uint8/fp16 weights, flip-TTA + temperature on val, TF.js files
(cd ../.. && node --import tsx models/training/eval_node.ts)   # TF.js run of ours + baseline, latency
$PY evaluate.py --run "$RUN"                     # metrics.json, reliability.png, descriptor metrics
