#!/usr/bin/env bash
# Issue #13, after 2.0: distil the wider 96 px teacher into the shipped student.
#   1. the teacher: run-2.0.sh with NAME=t-96 WIDTHS=24,48,96,192,384 DEPTHS=2,4,4 KD=0.3 EPOCHS=40
#      (786k parameters, 4x the student's compute; val FER 69.0%, AI Hub 77.6%, lfw-expr 92.1% with flip)
#   2. its flip-averaged outputs on every training image (soft_labels.py), cached once
#   3. a warm restart of the shipped student (runs/s2-96/best.pt, the 2.0.0 weights) at a lower rate,
#      with the teacher's targets weighted more than 2.0's own teachers were (KD 0.7)
#   bash models/training/run-2.1.sh          # re-running resumes from runs/$NAME/last.pt
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-/usr/bin/python3}
export MOODIARY_CACHE=${MOODIARY_CACHE:-/work/cache/moodiary}
export MOODIARY_RUNS=${MOODIARY_RUNS:-/work/cache/runs}
NAME=${NAME:-s3-96}
TEACHER=${TEACHER:-t-96}
STUDENT=${STUDENT:-s2-96}
EPOCHS=${EPOCHS:-4}
THREADS=${THREADS:-2}
KD=${KD:-0.7}
export OMP_NUM_THREADS=$THREADS
export MALLOC_MMAP_THRESHOLD_=1000000000 MALLOC_TRIM_THRESHOLD_=1000000000   # see finetune-lfw.sh
RUN_PY="nice -n ${NICE:-19} $PY"
[ -f "$MOODIARY_CACHE/export/$TEACHER/model.json" ] || { echo "train the teacher first (step 1 above)"; exit 1; }
[ -f "$MOODIARY_CACHE/soft-$TEACHER-flip.npz" ] ||
  $RUN_PY soft_labels.py --model "$MOODIARY_CACHE/export/$TEACHER" --name "$TEACHER-flip" --views flip --threads "$THREADS"
$RUN_PY train.py --name "$NAME" --size 96 --stem s2 --widths 16,32,48,112,192 --depths 2,3,3 \
  --init "$STUDENT/best.pt" --lfw --soft "$TEACHER-flip" --kd "$KD" --kd-lfw "$KD" --shares 0.4,0.3,0.3 \
  --balance 0,0,0.3 --epoch-size 50304 --epochs "$EPOCHS" --lr 1e-3 --threads "$THREADS" \
  --max-epochs-this-call "${MAX_EPOCHS_THIS_CALL:-0}"
if [ "$($PY -c "import torch; print(torch.load('$MOODIARY_RUNS/$NAME/last.pt')['epoch'])")" -lt "$EPOCHS" ]; then
  echo "paused before epoch $EPOCHS: re-run to resume"; exit 0
fi
MOODIARY_EXPORT_DIR=$MOODIARY_CACHE/export/$NAME THREADS=$THREADS $RUN_PY export.py --run "$NAME" --version 2.1.0
$RUN_PY compare.py --node-ours 1.2.0 --node "$MOODIARY_CACHE/node-eval-1.2.0.json" --val-temperature \
  "$NAME=$MOODIARY_CACHE/export/$NAME" --json "$MOODIARY_CACHE/compare-$NAME.json"
