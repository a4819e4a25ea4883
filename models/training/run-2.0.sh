#!/usr/bin/env bash
# Issue #13, the bigger step (for a session with the CPU to itself, or a GPU): the larger-input net
# (model.py stem "s2": stride-2 stem, separable convs; 96 px grey costs 15.2 M multiply-adds per pass,
# like 1.2.0 at 48 px) trained from scratch on FER + AI Hub + lfw-expr train, half of every FER / AI Hub
# target (30% of every lfw-expr one) being the mean probability of two cached teachers (soft_labels.py):
# 1.2.0 and its lfw-expr fine-tune from finetune-lfw.sh (which this runs first if its export is missing).
#   bash models/training/run-2.0.sh                        # re-running resumes from runs/$NAME/last.pt
#   MAX_EPOCHS_THIS_CALL=10 bash models/training/run-2.0.sh  # a slice of the run (resume later)
# Caches and checkpoints stay outside the repo ($MOODIARY_CACHE, $MOODIARY_RUNS) and are rebuildable.
# A stage is deterministic for a given thread count: keep THREADS the same across resumes.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-/usr/bin/python3}
export MOODIARY_CACHE=${MOODIARY_CACHE:-/work/cache/moodiary}
export MOODIARY_RUNS=${MOODIARY_RUNS:-/work/cache/runs}
NAME=${NAME:-s2-96}
SIZE=${SIZE:-96}
EPOCHS=${EPOCHS:-60}
THREADS=${THREADS:-2}
SOFT=${SOFT:-v1.2.0-flip,ft-lfw-kd-flip}  # comma-separated soft-<name>.npz in $MOODIARY_CACHE
WIDTHS=${WIDTHS:-16,32,48,112,192} DEPTHS=${DEPTHS:-2,3,3}   # the teacher: 24,48,96,192,384 and 2,4,4
KD=${KD:-0.5}                             # teachers' share of FER / AI Hub targets (lfw-expr: 0.3)
export OMP_NUM_THREADS=$THREADS
export MALLOC_MMAP_THRESHOLD_=1000000000 MALLOC_TRIM_THRESHOLD_=1000000000   # see finetune-lfw.sh
RUN_PY="nice -n ${NICE:-19} $PY"
BASE=$MOODIARY_CACHE/v1.2.0
if [ ! -f "$BASE/model.json" ]; then
  mkdir -p "$BASE"
  git -C ../.. archive ee13eee models/emotion | tar -x -C "$BASE" --strip-components=2
fi
$RUN_PY prepare.py                        # 48 px: validation and the teachers read these
$RUN_PY prepare.py --size "$SIZE"
$RUN_PY soft_labels.py --model "$BASE" --name v1.2.0-flip --views flip
[ -f "$MOODIARY_CACHE/export/ft-lfw-kd/model.json" ] || bash finetune-lfw.sh
$RUN_PY soft_labels.py --model "$MOODIARY_CACHE/export/ft-lfw-kd" --name ft-lfw-kd-flip --views flip
# one epoch = one pass over the 50k training images, drawn 40% FER, 30% AI Hub, 30% lfw-expr
$RUN_PY train.py --name "$NAME" --size "$SIZE" --stem s2 --widths "$WIDTHS" --depths "$DEPTHS" \
  --lfw --soft "$SOFT" --kd "$KD" --kd-lfw 0.3 --shares 0.4,0.3,0.3 --balance 0,0,0.3 --epoch-size 50304 \
  --epochs "$EPOCHS" --lr 4e-3 --threads "$THREADS" --max-epochs-this-call "${MAX_EPOCHS_THIS_CALL:-0}"
if [ "$(/usr/bin/python3 -c "import torch; print(torch.load('$MOODIARY_RUNS/$NAME/last.pt')['epoch'])")" -lt "$EPOCHS" ]; then
  echo "paused before epoch $EPOCHS: re-run to resume"; exit 0
fi
MOODIARY_EXPORT_DIR=$MOODIARY_CACHE/export/$NAME THREADS=$THREADS $RUN_PY export.py --run "$NAME" --version 2.0.0
$RUN_PY compare.py --node-ours 1.2.0 --node "$MOODIARY_CACHE/node-eval-1.2.0.json" --val-temperature \
  "$NAME=$MOODIARY_CACHE/export/$NAME" --json "$MOODIARY_CACHE/compare-$NAME.json"
