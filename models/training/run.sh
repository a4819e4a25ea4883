#!/usr/bin/env bash
# Reproduce the shipped models/emotion model end to end (about 1-2 h on 2 CPU cores).
#   bash models/training/run.sh            # from the repo root or anywhere
# Needs: Debian PyTorch (apt-get install -y python3-torch python3-pil python3-numpy
# python3-matplotlib), node_modules at the repo root (npm ci), ../shared/data.
# Re-running resumes training from models/training/runs/main/last.pt.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-/usr/bin/python3}
EPOCHS=${EPOCHS:-6}
# 1 thread: on this shared 2-core machine two OpenMP threads were ~8x slower per step than one
# whenever other jobs were running (spin-waiting on a preempted sibling thread).
THREADS=${THREADS:-1}
export OMP_NUM_THREADS=$THREADS
$PY prepare.py                                   # decode JPEGs once -> /tmp/moodiary-cache/*.npz
# stage 1: one-cycle, peak lr 4e-3; stages 2-4: warm restarts from the previous best checkpoint
$PY train.py --name main  --epochs "$EPOCHS" --threads "$THREADS"                          # seeded, checkpoint every epoch
$PY train.py --name main2 --epochs 4 --lr 1e-3 --init main/best.pt --threads "$THREADS"    # best = lowest val loss
$PY train.py --name main3 --epochs 4 --lr 7e-4 --init main2/best.pt --threads "$THREADS"
$PY train.py --name main4 --epochs 4 --lr 5e-4 --init main3/best.pt --threads "$THREADS"
SHIP=${SHIP:-main4}
$PY export.py --run "$SHIP"                        # fold BN, fp16, flip-TTA + temperature on val, TF.js files
(cd ../.. && node --import tsx models/training/eval_node.ts)   # TF.js run of ours + baseline, latency
$PY evaluate.py --run "$SHIP"                      # metrics.json, reliability.png, descriptor metrics
