import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMOTION_ANCHORS,
  EMOTION_LABELS,
  EMOTION_NAMES,
  EMOTION_VALENCE,
  entryValence,
  isEmotionLabel,
} from '@moodiary/core';

test('the six labels keep the product order and have Korean and English names', () => {
  assert.deepEqual([...EMOTION_LABELS], ['happy', 'angry', 'sad', 'anxious', 'neutral', 'embarrassed']);
  assert.deepEqual(
    EMOTION_LABELS.map((label) => EMOTION_NAMES[label].ko),
    ['기쁨', '분노', '슬픔', '불안', '중립', '당황'],
  );
});

test('isEmotionLabel accepts only the six ids', () => {
  assert.ok(EMOTION_LABELS.every(isEmotionLabel));
  for (const other of ['surprise', 'Happy', '', 3, null]) assert.ok(!isEmotionLabel(other));
});

test('every label has a frozen valence/arousal anchor on 0–1, and EMOTION_VALENCE agrees', () => {
  for (const label of EMOTION_LABELS) {
    const { valence, arousal } = EMOTION_ANCHORS[label];
    assert.ok(valence >= 0 && valence <= 1 && arousal >= 0 && arousal <= 1, label);
    assert.equal(EMOTION_VALENCE[label], valence);
  }
  assert.ok(
    Object.isFrozen(EMOTION_ANCHORS) &&
      Object.isFrozen(EMOTION_ANCHORS.sad) &&
      Object.isFrozen(EMOTION_VALENCE),
  );
  // Happy is the most pleasant, sad the least; anxious and angry are more aroused than sad.
  assert.equal(
    EMOTION_LABELS.reduce((a, b) => (EMOTION_VALENCE[a] > EMOTION_VALENCE[b] ? a : b)),
    'happy',
  );
  assert.equal(
    EMOTION_LABELS.reduce((a, b) => (EMOTION_VALENCE[a] < EMOTION_VALENCE[b] ? a : b)),
    'sad',
  );
  assert.ok(EMOTION_ANCHORS.anxious.arousal > EMOTION_ANCHORS.sad.arousal);
});

test('entryValence: a reading by its probabilities, a label the user chose by its anchor', () => {
  const p = { happy: 0.5, angry: 0, sad: 0.5, anxious: 0, neutral: 0, embarrassed: 0 };
  const mixed = (EMOTION_VALENCE.happy + EMOTION_VALENCE.sad) / 2;
  assert.ok(Math.abs(entryValence({ source: 'face', label: 'happy', probabilities: p }) - mixed) < 1e-12);
  // A host's entry with no source but the model's view counts as a reading too.
  assert.ok(Math.abs(entryValence({ label: 'happy', probabilities: p }) - mixed) < 1e-12);
  // Probabilities that do not sum to 1 (host data) are normalised.
  const doubled = { ...p, happy: 1, sad: 1 };
  assert.ok(Math.abs(entryValence({ source: 'face', label: 'sad', probabilities: doubled }) - mixed) < 1e-12);
  assert.equal(entryValence({ source: 'corrected', label: 'sad', probabilities: p }), EMOTION_VALENCE.sad);
  assert.equal(entryValence({ source: 'manual', label: 'neutral' }), EMOTION_VALENCE.neutral);
  assert.equal(entryValence({ source: 'face', label: 'angry' }), EMOTION_VALENCE.angry);
});
