import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, isMoodError, type EmotionLabel } from '@moodiary/core';
import {
  DEFAULT_CATALOGUE,
  FAVOUR_BONUS,
  changeSongPreference,
  dayProbabilities,
  daySongWindow,
  matchSongs,
  moodTarget,
  playlistM3u,
  playlistText,
  readSongPreferences,
  songsOfDays,
  validateCatalogue,
  type DayEntry,
} from '@moodiary/songs';

const sad = { happy: 0.02, angry: 0.02, sad: 0.9, anxious: 0.02, neutral: 0.02, embarrassed: 0.02 };
const face = (label: EmotionLabel, probabilities = sad, extra: Partial<DayEntry> = {}): DayEntry => ({
  label,
  source: 'face',
  probabilities,
  createdAt: '2026-11-24T09:00:00.000Z',
  ...extra,
});

/** Thirty days ending 2026-11-24, every one as sad as the last. */
function sadMonth(): Map<string, DayEntry[]> {
  const days = new Map<string, DayEntry[]>();
  for (let k = 0; k < 30; k++) days.set(addDays('2026-11-24', -k), [face('sad')]);
  return days;
}

test('a day’s mood is the mean of its entries; a hand-written entry counts its label whole', () => {
  assert.equal(dayProbabilities([]), null);
  const p = dayProbabilities([face('sad'), { label: 'happy', source: 'manual' }])!;
  assert.ok(Math.abs(p.sad - 0.45) < 1e-9, `sad ${p.sad}`);
  assert.ok(Math.abs(p.happy - 0.51) < 1e-9, `happy ${p.happy}`);
  // A corrected entry: the user's label, not the model's guess.
  const corrected = dayProbabilities([face('happy', sad, { source: 'corrected' })])!;
  assert.equal(corrected.happy, 1);
});

test('the song of a day is stable for that day and profile, and differs between profiles', () => {
  const days = sadMonth();
  const first = songsOfDays(days, ['2026-11-24'], { profile: 'p1' }).get('2026-11-24')!;
  assert.equal(first.kind, 'matched');
  for (let i = 0; i < 3; i++)
    assert.equal(
      songsOfDays(days, ['2026-11-24'], { profile: 'p1' }).get('2026-11-24')!.match.song.id,
      first.match.song.id,
    );
  // It fits the mood: a sad day gets an unpleasant song.
  assert.ok(first.match.song.valence < 0.4, `valence ${first.match.song.valence}`);
  assert.ok(first.match.reason.ko && first.match.reason.en);
  assert.match(first.match.links.melon, /^https:\/\//);
  const others = new Set(
    ['p2', 'p3', 'p4', 'p5', 'p6'].map(
      (p) => songsOfDays(days, ['2026-11-24'], { profile: p }).get('2026-11-24')!.match.song.id,
    ),
  );
  assert.ok(others.size > 1 || !others.has(first.match.song.id), 'profiles vary');
});

test('alike days in a row get different songs: a day leaves out the songs of the days before it', () => {
  const days = sadMonth();
  const dates = Array.from({ length: 8 }, (_, k) => addDays('2026-11-24', -k));
  const picked = songsOfDays(days, dates, { profile: 'p' });
  const ids = dates.map((d) => picked.get(d)!.match.song.id);
  assert.equal(new Set(ids).size, ids.length, `a week of sad days: ${ids.join(', ')}`);
  // Across two months of the same mood: no song twice within a week, and many different songs.
  for (const mood of [sad, { ...sad, sad: 0.02, happy: 0.9 }]) {
    const same = new Map<string, DayEntry[]>();
    for (let k = 0; k < 90; k++) same.set(addDays('2026-11-24', -k), [face('sad', mood)]);
    const span = Array.from({ length: 56 }, (_, k) => addDays('2026-11-24', k - 55));
    const songs = songsOfDays(same, span, { profile: 'p' });
    const seq = span.map((d) => songs.get(d)!.match.song.id);
    seq.forEach((id, i) =>
      assert.ok(!seq.slice(Math.max(0, i - 7), i).includes(id), `${span[i]} repeats ${id}`),
    );
    assert.ok(new Set(seq).size >= 25, `${new Set(seq).size} different songs in 56 days`);
  }
  // What a day depends on: its four-week block so far, and at least the week before.
  assert.deepEqual(daySongWindow('2026-11-19'), { from: '2026-11-12', to: '2026-11-19' });
  assert.deepEqual(daySongWindow('2026-11-24'), { from: '2026-11-12', to: '2026-11-24' });
  // Exactly those days suffice: the song is the same with only the window's entries.
  const only = new Map([...days].filter(([d]) => d >= '2026-11-12'));
  assert.equal(
    songsOfDays(only, ['2026-11-24'], { profile: 'p' }).get('2026-11-24')!.match.song.id,
    songsOfDays(days, ['2026-11-24'], { profile: 'p' }).get('2026-11-24')!.match.song.id,
  );
  // Without the rule (no recent days) every day is matched alone, and the plain matcher repeats itself.
  const alone = songsOfDays(days, dates, { profile: 'p', recentDays: 0 });
  assert.ok(new Set(dates.map((d) => alone.get(d)!.match.song.id)).size < ids.length);
  // The same day asked alone or within the week gets the same song.
  assert.equal(
    songsOfDays(days, ['2026-11-20'], { profile: 'p' }).get('2026-11-20')!.match.song.id,
    picked.get('2026-11-20')!.match.song.id,
  );
});

test('a kept song is the day’s song; a hidden one never is; a liked one is favoured', () => {
  const kept = DEFAULT_CATALOGUE.find((s) => s.valence > 0.8)!;
  const days = new Map([
    [
      '2026-11-24',
      [face('sad', sad, { songs: [{ id: 'not-in-catalogue' }, { id: kept.id, played: true }] })],
    ],
  ]);
  const song = songsOfDays(days, ['2026-11-24']).get('2026-11-24')!;
  assert.equal(song.kind, 'kept');
  assert.equal(song.match.song.id, kept.id);
  assert.ok(song.match.reason.en.length > 0);

  const plain = songsOfDays(sadMonth(), ['2026-11-24']).get('2026-11-24')!.match.song.id;
  const hidden = songsOfDays(sadMonth(), ['2026-11-24'], {
    preferences: readSongPreferences({ hidden: [plain] }),
  }).get('2026-11-24')!.match.song.id;
  assert.notEqual(hidden, plain);
  // Hiding a kept song shows a matched one instead.
  const hiddenKept = songsOfDays(days, ['2026-11-24'], { preferences: { liked: [], hidden: [kept.id] } });
  assert.equal(hiddenKept.get('2026-11-24')!.kind, 'matched');

  // Liking the day's song keeps it on that day (it does not move to an earlier alike day).
  for (const date of ['2026-11-24', '2026-11-22', '2026-11-20']) {
    const shown = songsOfDays(sadMonth(), [date]).get(date)!.match.song.id;
    const after = songsOfDays(sadMonth(), [date], { preferences: { liked: [shown], hidden: [] } });
    assert.equal(after.get(date)!.match.song.id, shown, date);
  }
  // A liked song a little further away than the best wins; one clearly further away does not.
  const target = moodTarget(sad);
  const ranked = matchSongs(sad, { count: 100, onePerArtist: false }).songs;
  const near = ranked.find(
    (m) => m.distance > ranked[0]!.distance && m.distance < ranked[0]!.distance + FAVOUR_BONUS,
  )!;
  const far = ranked.find((m) => m.distance > ranked[0]!.distance + FAVOUR_BONUS + 0.05)!;
  assert.ok(near && far, `${target.valence}`);
  const liked = (id: string) =>
    songsOfDays(new Map([['2026-11-24', [face('sad')]]]), ['2026-11-24'], {
      preferences: { liked: [id], hidden: [] },
    }).get('2026-11-24')!.match.song.id;
  assert.equal(liked(near.song.id), near.song.id);
  assert.notEqual(liked(far.song.id), far.song.id);
});

test('preferences read forgivingly and never hold a song as liked and hidden', () => {
  assert.deepEqual(readSongPreferences(undefined), { liked: [], hidden: [] });
  assert.deepEqual(readSongPreferences({ liked: ['a', 3, 'a', ''], hidden: 'b' }), {
    liked: ['a'],
    hidden: [],
  });
  let p = changeSongPreference(readSongPreferences(null), 'a', 'like');
  assert.deepEqual(p, { liked: ['a'], hidden: [] });
  p = changeSongPreference(p, 'a', 'hide');
  assert.deepEqual(p, { liked: [], hidden: ['a'] });
  p = changeSongPreference(p, 'a', 'unhide');
  assert.deepEqual(p, { liked: [], hidden: [] });
  const many = readSongPreferences({ liked: Array.from({ length: 600 }, (_, i) => `s${i}`) });
  assert.equal(many.liked.length, 500);
  assert.equal(many.liked[0], 's100'); // the newest kept
});

test('a month as a playlist: text and M3U, one song a day, only web links, no injected lines', () => {
  const catalogue = validateCatalogue([
    { id: 'x', title: 'Evil\n#EXTINF:-1,owned', artist: 'A', language: 'en', valence: 0.1, arousal: 0.3 },
    {
      id: 'y',
      title: 'Fine',
      artist: 'B',
      language: 'en',
      valence: 0.12,
      arousal: 0.3,
      ids: { youtube: 'abc' },
    },
  ]);
  const days = new Map([
    ['2026-11-02', [face('sad')]],
    ['2026-11-01', [face('sad')]],
  ]);
  const songs = songsOfDays(days, ['2026-11-02', '2026-11-01'], { catalogue });
  const text = playlistText(songs.values(), { title: 'November' });
  const lines = text.trim().split('\n');
  assert.equal(lines[0], 'November');
  assert.match(lines[1]!, /^2026-11-01 {2}/);
  assert.match(lines[2]!, /^2026-11-02 {2}/);
  const m3u = playlistM3u(songs.values(), { title: 'November' }).trim().split('\n');
  assert.equal(m3u[0], '#EXTM3U');
  assert.equal(m3u[1], '#PLAYLIST:November');
  assert.equal(m3u.filter((l) => l.startsWith('#EXTINF')).length, 2);
  assert.ok(
    m3u.every((l) => l.startsWith('#') || l.startsWith('https://')),
    m3u.join('\n'),
  );
});

test('bad input is a typed error', () => {
  assert.throws(
    () => songsOfDays(new Map([['2026-11-24', [face('sad', { sad: -1 } as never)]]]), ['2026-11-24']),
    (e: unknown) => isMoodError(e, 'invalid-probabilities'),
  );
  assert.throws(
    () => matchSongs(sad, { favour: 3 as never }),
    (e: unknown) => isMoodError(e, 'invalid-options'),
  );
});
