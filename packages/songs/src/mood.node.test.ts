import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMOTION_LABELS, isMoodError } from '@moodiary/core';
import {
  LABEL_ANCHORS,
  LIFT_GOAL,
  meanProbabilities,
  moodDistance,
  moodTarget,
  normalizeProbabilities,
  songLinks,
  songReason,
  topLabel,
} from '@moodiary/songs';

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

test('the anchors are the word-norm values of the shared music README, one per label', () => {
  assert.deepEqual(Object.keys(LABEL_ANCHORS).sort(), [...EMOTION_LABELS].sort());
  assert.deepEqual(LABEL_ANCHORS.happy, { valence: 0.93, arousal: 0.63 });
  assert.deepEqual(LABEL_ANCHORS.sad, { valence: 0.14, arousal: 0.31 });
  assert.deepEqual(LABEL_ANCHORS.embarrassed, { valence: 0.31, arousal: 0.55 });
  assert.deepEqual(LIFT_GOAL, { valence: 0.78, arousal: 0.19 });
});

test('moodTarget mixes the anchors by probability; one label gives its anchor', () => {
  for (const label of EMOTION_LABELS) assert.deepEqual(moodTarget({ [label]: 1 }), LABEL_ANCHORS[label]);
  const mix = moodTarget({ happy: 0.25, angry: 0.75 });
  close(mix.valence, 0.25 * 0.93 + 0.75 * 0.19);
  close(mix.arousal, 0.25 * 0.63 + 0.75 * 0.65);
});

test('normalizeProbabilities fills missing labels with 0 and scales to a sum of 1', () => {
  const p = normalizeProbabilities({ sad: 3, neutral: 1 });
  assert.deepEqual(p, { happy: 0, angry: 0, sad: 0.75, anxious: 0, neutral: 0.25, embarrassed: 0 });
  for (const bad of [{}, { sad: 0 }, { sad: -0.1 }, { sad: Infinity }, { grumpy: 1 }, null]) {
    assert.throws(
      () => normalizeProbabilities(bad as never),
      (e: unknown) => isMoodError(e, 'invalid-probabilities'),
    );
  }
});

test('meanProbabilities averages entries (optionally weighted) after normalising each', () => {
  const day = meanProbabilities([{ happy: 2 }, { sad: 1, neutral: 1 }]);
  assert.deepEqual(day, { happy: 0.5, angry: 0, sad: 0.25, anxious: 0, neutral: 0.25, embarrassed: 0 });
  const weighted = meanProbabilities([{ happy: 1 }, { sad: 1 }], [3, 1]);
  close(weighted.happy, 0.75);
  close(weighted.sad, 0.25);
  assert.throws(
    () => meanProbabilities([]),
    (e: unknown) => isMoodError(e, 'invalid-probabilities'),
  );
  assert.throws(
    () => meanProbabilities([{ happy: 1 }], [1, 2]),
    (e: unknown) => isMoodError(e, 'invalid-probabilities') && e.details.field === 'weights',
  );
  assert.throws(
    () => meanProbabilities([{ happy: 1 }, { sad: -1 }]),
    (e: unknown) => isMoodError(e, 'invalid-probabilities') && e.details.index === 1,
  );
});

test('topLabel picks the largest probability, the first label on ties', () => {
  assert.equal(topLabel(normalizeProbabilities({ sad: 0.4, anxious: 0.6 })), 'anxious');
  assert.equal(topLabel(normalizeProbabilities({ neutral: 1, angry: 1 })), 'angry');
});

test('moodDistance is Euclidean on the valence/arousal plane', () => {
  close(moodDistance({ valence: 0, arousal: 0 }, { valence: 0.3, arousal: 0.4 }), 0.5);
});

test('songReason words a song by its feel, genre and role, in English and Korean', () => {
  assert.deepEqual(songReason({ valence: 0.7, arousal: 0.2, genre: 'ballad' }, 'anxious', 'lift-step'), {
    en: 'A calm, hopeful ballad to ease anxiety.',
    ko: '불안을 달래 줄 잔잔하고 희망찬 발라드',
  });
  assert.deepEqual(songReason({ valence: 0.1, arousal: 0.8, genre: 'rock' }, 'angry', 'match'), {
    en: 'A fierce, sorrowful rock song to let the anger out.',
    ko: '화난 마음을 쏟아낼 거칠고 슬픈 록',
  });
  assert.deepEqual(songReason({ valence: 0.9, arousal: 0.6 }, 'happy', 'match'), {
    en: 'An upbeat, joyful song to match your happy mood.',
    ko: '기쁜 마음에 어울리는 경쾌하고 즐거운 곡',
  });
  assert.match(
    songReason({ valence: 0.3, arousal: 0.4, genre: 'k-pop' }, 'sad', 'lift-start').en,
    /^A gentle, wistful K-pop song to start where you are\.$/,
  );
  assert.match(
    songReason({ valence: 0.78, arousal: 0.19, genre: 'ost' }, 'sad', 'lift-end').ko,
    /^편안함으로 이끌어 줄 /,
  );
});

test('songLinks builds search links from title and artist, or direct links from provider ids', () => {
  const links = songLinks({ title: '밤편지', artist: 'IU' });
  assert.equal(
    links.melon,
    'https://www.melon.com/search/total/index.htm?q=%EB%B0%A4%ED%8E%B8%EC%A7%80%20IU',
  );
  assert.equal(
    links.youtube,
    'https://www.youtube.com/results?search_query=%EB%B0%A4%ED%8E%B8%EC%A7%80%20IU',
  );
  assert.equal(links.spotify, 'https://open.spotify.com/search/%EB%B0%A4%ED%8E%B8%EC%A7%80%20IU');
  assert.equal(links.appleMusic, 'https://music.apple.com/search?term=%EB%B0%A4%ED%8E%B8%EC%A7%80%20IU');
  assert.equal(links.deezer, undefined);
  const direct = songLinks({
    title: 'x',
    artist: 'y',
    ids: { spotify: 'sp1', appleMusic: '42', melon: '7', youtube: 'yt_1', deezer: '9' },
  });
  assert.deepEqual(direct, {
    youtube: 'https://www.youtube.com/watch?v=yt_1',
    spotify: 'https://open.spotify.com/track/sp1',
    appleMusic: 'https://music.apple.com/song/42',
    melon: 'https://www.melon.com/song/detail.htm?songId=7',
    deezer: 'https://www.deezer.com/track/9',
  });
});
