import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMOTION_LABELS } from '@moodiary/core';
import {
  entryValence,
  foldText,
  noteTags,
  streaksOf,
  summarize,
  tagInsights,
  tagsOf,
  VALENCE,
} from './summaries.js';
import { makeEntry, probabilitiesFor } from './testing/fixtures.js';

test('VALENCE holds the documented anchors for every label', () => {
  assert.deepEqual(Object.keys(VALENCE).sort(), [...EMOTION_LABELS].sort());
  assert.deepEqual(VALENCE, {
    happy: 0.93,
    angry: 0.19,
    sad: 0.14,
    anxious: 0.35,
    neutral: 0.56,
    embarrassed: 0.31,
  });
  assert.ok(Object.isFrozen(VALENCE));
});

test('a face entry counts its expected valence; a chosen label counts its anchor', () => {
  const p = probabilitiesFor('happy', 0.5);
  const expected = 0.5 * 0.93 + 0.1 * (0.19 + 0.14 + 0.35 + 0.56 + 0.31);
  assert.ok(Math.abs(entryValence({ source: 'face', label: 'happy', probabilities: p }) - expected) < 1e-12);
  assert.equal(entryValence({ source: 'corrected', label: 'sad', probabilities: p }), 0.14);
  assert.equal(entryValence({ source: 'manual', label: 'neutral' }), 0.56);
});

test('dominant mood: most entries, ties to the higher summed confidence', () => {
  const s = summarize(
    [
      makeEntry('2026-01-01', 8, { label: 'sad', confidence: 0.4 }),
      makeEntry('2026-01-01', 9, { label: 'happy', confidence: 0.9 }),
      makeEntry('2026-01-01', 10, { label: 'sad', confidence: 0.4 }),
      makeEntry('2026-01-01', 11, { label: 'happy', confidence: 0.3 }),
      makeEntry('2026-01-02', 11, { label: 'angry' }),
      makeEntry('2026-01-01', 12, { label: 'angry', deletedAt: '2026-01-02T00:00:00.000Z' }),
    ],
    '2026-01-01',
    '2026-01-01',
  );
  assert.equal(s.count, 4);
  assert.equal(s.dominant, 'happy');
  // The day's range: its least and most pleasant entry.
  assert.equal(s.minValence, VALENCE.sad);
  assert.equal(s.maxValence, VALENCE.happy);
  assert.deepEqual(
    [
      summarize([], '2026-01-01', '2026-01-01').minValence,
      summarize([], '2026-01-01', '2026-01-01').maxValence,
    ],
    [null, null],
  );
  assert.equal(s.distribution.angry, 0);
});

test('streaks: current run may end yesterday; longest run; future days ignored', () => {
  const days = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-09', '2026-01-10', '2026-01-12'];
  assert.deepEqual(streaksOf(days, '2026-01-11'), {
    current: 2,
    currentFrom: '2026-01-09',
    longest: 3,
    longestFrom: '2026-01-01',
    longestTo: '2026-01-03',
    totalDays: 5,
  });
  assert.equal(streaksOf(days, '2026-01-12').current, 1);
  assert.equal(streaksOf([], '2026-01-12').longest, 0);
  assert.equal(streaksOf(['2025-12-31', '2026-01-01'], '2026-01-01').current, 2);
});

test('foldText ignores case, accents and width, and keeps Hangul', () => {
  assert.equal(foldText('Café ÀB'), 'cafe ab');
  assert.equal(foldText('ＡＢＣ'), 'abc');
  assert.equal(foldText('산책'.normalize('NFD')), '산책');
});

test('noteTags reads #words of a note in any script; tagsOf joins them to the entry tags once', () => {
  assert.deepEqual(noteTags('오늘 #산책 했고 #work, then #Work again; a#b is no tag, (#café)'), [
    '산책',
    'work',
    'Work',
    'café',
  ]);
  assert.deepEqual(noteTags(''), []);
  assert.deepEqual(tagsOf({ tags: ['work', '친구'], note: 'with #WORK and #산책' }), [
    'work',
    '친구',
    '산책',
  ]);
});

test('tagInsights compares days with and without each tag, honest below three days', () => {
  // happy 0.93, sad 0.14, neutral 0.56 (manual entries count their anchor).
  const entries = [
    makeEntry('2026-03-01', 9, { label: 'happy', tags: ['run'] }),
    makeEntry('2026-03-01', 20, { label: 'sad' }), // day mean (0.93 + 0.14) / 2 = 0.535, with #run
    makeEntry('2026-03-02', 9, { label: 'happy', note: 'a good #run' }),
    makeEntry('2026-03-03', 9, { label: 'happy', tags: ['Run'] }),
    makeEntry('2026-03-04', 9, { label: 'sad', tags: ['work'] }),
    makeEntry('2026-03-05', 9, { label: 'sad', note: '#산책 짧게' }),
    makeEntry('2026-03-06', 9, { label: 'neutral' }),
    makeEntry('2026-03-07', 9, { label: 'happy', tags: ['run'], deletedAt: '2026-03-08T00:00:00.000Z' }),
    makeEntry('2026-04-01', 9, { label: 'happy', tags: ['run'] }), // outside the period
  ];
  const insights = tagInsights(entries, '2026-03-01', '2026-03-31');
  assert.deepEqual(
    insights.map((i) => [i.tag, i.daysWith, i.entriesWith, i.daysWithout]),
    [
      ['run', 3, 3, 3],
      ['work', 1, 1, 5],
      ['산책', 1, 1, 5],
    ],
  );
  const run = insights[0]!;
  assert.ok(Math.abs(run.meanWith! - (0.535 + 0.93 + 0.93) / 3) < 1e-9);
  assert.ok(Math.abs(run.meanWithout! - (0.14 + 0.14 + 0.56) / 3) < 1e-9);
  assert.equal(insights[1]!.meanWith, null, 'one day is too few');
  assert.ok(Math.abs(insights[1]!.meanWithout! - (0.535 + 0.93 + 0.93 + 0.14 + 0.56) / 5) < 1e-9);
  assert.deepEqual(tagInsights(entries, '2026-03-01', '2026-03-31', 4)[0]!.meanWith, null);
  assert.deepEqual(tagInsights([], '2026-03-01', '2026-03-31'), []);
});
