import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMOTION_LABELS, EMOTION_NAMES, isEmotionLabel } from '@moodiary/core';

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
