import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMOTION_ANCHORS,
  EMOTION_LABELS,
  EMOTION_NAMES,
  EMOTION_VALENCE,
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
