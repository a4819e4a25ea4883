import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMoodError } from '@moodiary/core';
import {
  DEFAULT_CATALOGUE,
  LANGUAGE_PENALTY,
  LIFT_GOAL,
  SongsError,
  matchSongs,
  meanProbabilities,
  moodDistance,
  moodTarget,
  validateCatalogue,
  type MatchResult,
} from '@moodiary/songs';

/** A song at (valence, arousal) with its own artist unless one is given. */
const song = (id: string, valence: number, arousal: number, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Title ${id}`,
  artist: `Artist ${id}`,
  language: 'en',
  valence,
  arousal,
  ...extra,
});

/** Songs on an 11 × 11 grid (valence and arousal 0, 0.1, …, 1), each by its own artist; ids `v3a2`. */
const GRID = validateCatalogue(
  Array.from({ length: 121 }, (_, k) => {
    const v = Math.floor(k / 11);
    const a = k % 11;
    return song(`v${v}a${a}`, v / 10, a / 10);
  }),
);

const ids = (result: MatchResult): string[] => result.songs.map((s) => s.song.id);

const throwsCode = (fn: () => unknown, code: string, field?: string): void => {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof SongsError, `expected a SongsError, got ${String(error)}`);
    assert.ok(isMoodError(error, code), `expected code ${code}, got ${(error as SongsError).code}`);
    if (field !== undefined) assert.equal(error.details?.field, field);
    return true;
  });
};

test('match returns the songs nearest the target, best first, with their distances', () => {
  const catalogue = validateCatalogue([
    song('far', 0.9, 0.9),
    song('second', 0.2, 0.3),
    song('exact', 0.14, 0.31),
    song('third', 0.3, 0.45),
  ]);
  const result = matchSongs({ sad: 1 }, { catalogue, count: 3 });
  assert.equal(result.mode, 'match');
  assert.equal(result.label, 'sad');
  assert.deepEqual(result.target, { valence: 0.14, arousal: 0.31 });
  assert.deepEqual(ids(result), ['exact', 'second', 'third']);
  assert.equal(result.songs[0]!.distance, 0);
  assert.ok(Math.abs(result.songs[1]!.distance - Math.hypot(0.06, 0.01)) < 1e-12);
  assert.deepEqual(
    result.songs.map((s) => s.step),
    [0, 1, 2],
  );
  assert.ok(result.songs.every((s) => s.waypoint === result.target));
});

test('the target is the probability-weighted mix of the anchors, not the top label', () => {
  const catalogue = validateCatalogue([
    song('sad-anchor', 0.14, 0.31),
    song('neutral-anchor', 0.56, 0.31),
    song('mix', 0.35, 0.31),
  ]);
  const result = matchSongs({ sad: 0.5, neutral: 0.5 }, { catalogue, count: 1 });
  assert.ok(Math.abs(result.target.valence - 0.35) < 1e-12);
  assert.ok(Math.abs(result.target.arousal - 0.31) < 1e-12);
  assert.deepEqual(ids(result), ['mix']);
  // Un-normalised input gives the same target.
  assert.deepEqual(matchSongs({ sad: 2, neutral: 2 }, { catalogue, count: 1 }).target, result.target);
});

test('a day summary (mean of entries) matches like one entry with the mean probabilities', () => {
  const day = meanProbabilities([{ happy: 1 }, { sad: 1 }]);
  assert.equal(day.happy, 0.5);
  assert.equal(day.sad, 0.5);
  const target = moodTarget(day);
  const result = matchSongs(day, { catalogue: GRID, count: 1 });
  assert.deepEqual(result.target, target);
  // (0.535, 0.47) → the grid point (0.5, 0.5).
  assert.deepEqual(ids(result), ['v5a5']);
});

test('count: default 5 in match mode, respected, and fewer songs when the catalogue runs out', () => {
  assert.equal(matchSongs({ happy: 1 }, { catalogue: GRID }).songs.length, 5);
  assert.equal(matchSongs({ happy: 1 }, { catalogue: GRID, count: 12 }).songs.length, 12);
  const small = validateCatalogue([song('a', 0.5, 0.5), song('b', 0.1, 0.1)]);
  assert.equal(matchSongs({ happy: 1 }, { catalogue: small, count: 10 }).songs.length, 2);
  throwsCode(() => matchSongs({ happy: 1 }, { catalogue: GRID, count: 0 }), 'invalid-options', 'count');
  throwsCode(() => matchSongs({ happy: 1 }, { catalogue: GRID, count: 101 }), 'invalid-options', 'count');
  throwsCode(() => matchSongs({ happy: 1 }, { catalogue: GRID, count: 2.5 }), 'invalid-options', 'count');
});

test('at most one song per artist (artist names compared case- and space-insensitively), unless turned off', () => {
  const catalogue = validateCatalogue([
    song('a1', 0.14, 0.31, { artist: 'The Band' }),
    song('a2', 0.15, 0.31, { artist: 'the  band' }),
    song('b', 0.3, 0.31),
    song('c', 0.5, 0.31),
  ]);
  assert.deepEqual(ids(matchSongs({ sad: 1 }, { catalogue, count: 3 })), ['a1', 'b', 'c']);
  assert.deepEqual(ids(matchSongs({ sad: 1 }, { catalogue, count: 3, onePerArtist: false })), [
    'a1',
    'a2',
    'b',
  ]);
  throwsCode(
    () => matchSongs({ sad: 1 }, { catalogue, onePerArtist: 'yes' as unknown as boolean }),
    'invalid-options',
    'onePerArtist',
  );
});

test('one per artist still fills the count when many near songs share an artist', () => {
  // 40 songs by one artist right at the target, then 5 songs by others further away.
  const catalogue = validateCatalogue([
    ...Array.from({ length: 40 }, (_, k) => song(`same${k}`, 0.14, 0.31, { artist: 'Same' })),
    ...Array.from({ length: 5 }, (_, k) => song(`other${k}`, 0.9 - k * 0.01, 0.9)),
  ]);
  const result = matchSongs({ sad: 1 }, { catalogue, count: 4 });
  assert.deepEqual(ids(result), ['same0', 'other4', 'other3', 'other2']);
});

test('exclude skips recently played ids (any iterable; unknown ids ignored)', () => {
  const catalogue = validateCatalogue([song('a', 0.14, 0.31), song('b', 0.2, 0.31), song('c', 0.3, 0.31)]);
  assert.deepEqual(ids(matchSongs({ sad: 1 }, { catalogue, count: 2, exclude: ['a'] })), ['b', 'c']);
  assert.deepEqual(
    ids(matchSongs({ sad: 1 }, { catalogue, count: 2, exclude: new Set(['b', 'not-there']) })),
    ['a', 'c'],
  );
  assert.deepEqual(ids(matchSongs({ sad: 1 }, { catalogue, count: 3, exclude: ['a', 'b', 'c'] })), []);
  throwsCode(
    () => matchSongs({ sad: 1 }, { catalogue, exclude: 3 as unknown as string[] }),
    'invalid-options',
    'exclude',
  );
});

test('language preference ranks other languages LANGUAGE_PENALTY further away; strictLanguage drops them', () => {
  const near = 0.1; // < LANGUAGE_PENALTY
  const far = 0.2; // > LANGUAGE_PENALTY
  assert.ok(near < LANGUAGE_PENALTY && far > LANGUAGE_PENALTY);
  const catalogue = validateCatalogue([
    song('en-exact', 0.14, 0.31),
    song('ko-near', 0.14 + near, 0.31, { language: 'ko' }),
    song('ko-far', 0.14, 0.31 + far, { language: 'ko' }),
    song('ja-far', 0.14 + far, 0.31, { language: 'ja' }),
  ]);
  // ko-near (0.1) < en-exact (0 + 0.15) < ko-far (0.2) < ja-far (0.2 + 0.15).
  assert.deepEqual(ids(matchSongs({ sad: 1 }, { catalogue, count: 4, language: 'ko' })), [
    'ko-near',
    'en-exact',
    'ko-far',
    'ja-far',
  ]);
  // Codes are case-insensitive; a list prefers all of them.
  assert.deepEqual(ids(matchSongs({ sad: 1 }, { catalogue, count: 4, language: ['KO', 'ja'] })), [
    'ko-near',
    'en-exact',
    'ko-far',
    'ja-far',
  ]);
  assert.deepEqual(
    ids(matchSongs({ sad: 1 }, { catalogue, count: 4, language: 'ko', strictLanguage: true })),
    ['ko-near', 'ko-far'],
  );
  // Without a preference the plain distance decides.
  assert.deepEqual(ids(matchSongs({ sad: 1 }, { catalogue, count: 2 })), ['en-exact', 'ko-near']);
  throwsCode(() => matchSongs({ sad: 1 }, { catalogue, language: [''] }), 'invalid-options', 'language');
});

test('without a seed ties go to catalogue order; a seed varies picks among near-ties, reproducibly', () => {
  // Ten songs at one point near the sad anchor (exact ties), one clearly farther.
  const catalogue = validateCatalogue([
    ...Array.from({ length: 10 }, (_, k) => song(`tie${k}`, 0.15, 0.32)),
    song('farther', 0.14, 0.41),
  ]);
  assert.deepEqual(ids(matchSongs({ sad: 1 }, { catalogue, count: 3 })), ['tie0', 'tie1', 'tie2']);
  const first = (seed: number | string): string =>
    ids(matchSongs({ sad: 1 }, { catalogue, count: 3, seed }))[0]!;
  assert.deepEqual(
    ids(matchSongs({ sad: 1 }, { catalogue, count: 5, seed: 'x' })),
    ids(matchSongs({ sad: 1 }, { catalogue, count: 5, seed: 'x' })),
  );
  const firsts = new Set(Array.from({ length: 20 }, (_, seed) => first(seed)));
  assert.ok(firsts.size >= 4, `only ${[...firsts].join(', ')} came first over 20 seeds`);
  // The farther song (0.1 away, more than the default variety of 0.03) never beats a tied one.
  for (let seed = 0; seed < 20; seed++) {
    assert.ok(!ids(matchSongs({ sad: 1 }, { catalogue, count: 10, seed })).includes('farther'));
  }
  // Near-ties (0.01 apart, within the default variety 0.03) swap places for some seeds.
  const near = validateCatalogue([song('closest', 0.14, 0.31), song('runner-up', 0.15, 0.31)]);
  const leaders = new Set(
    Array.from(
      { length: 20 },
      (_, seed) => ids(matchSongs({ sad: 1 }, { catalogue: near, count: 1, seed }))[0],
    ),
  );
  assert.deepEqual([...leaders].sort(), ['closest', 'runner-up']);
  // variety 0: the seed only breaks exact ties, so the result is the distance order.
  const exact = validateCatalogue([song('a', 0.14, 0.31), song('b', 0.16, 0.31), song('c', 0.2, 0.31)]);
  for (let seed = 0; seed < 10; seed++) {
    assert.deepEqual(ids(matchSongs({ sad: 1 }, { catalogue: exact, count: 3, seed, variety: 0 })), [
      'a',
      'b',
      'c',
    ]);
  }
  throwsCode(
    () => matchSongs({ sad: 1 }, { catalogue, seed: {} as unknown as number }),
    'invalid-options',
    'seed',
  );
  throwsCode(() => matchSongs({ sad: 1 }, { catalogue, variety: 2 }), 'invalid-options', 'variety');
});

test('lift for sadness raises valence first, then lowers energy, along a monotonic path (known grid)', () => {
  const result = matchSongs({ sad: 1 }, { catalogue: GRID, mode: 'lift' });
  assert.equal(result.mode, 'lift');
  assert.equal(result.route, 'valence-first');
  assert.deepEqual(result.goal, LIFT_GOAL);
  assert.equal(result.monotonic, true);
  // Waypoints (0.14,0.31) → (0.39,0.31) → (0.65,0.31) → (0.78,0.19); nearest grid songs:
  assert.deepEqual(ids(result), ['v1a3', 'v4a3', 'v6a3', 'v8a2']);
  const toGoal = result.songs.map((s) => moodDistance(s.song, LIFT_GOAL));
  for (let k = 1; k < toGoal.length; k++) assert.ok(toGoal[k]! < toGoal[k - 1]!);
});

test('lift for anger and anxiety lowers energy first, then raises valence', () => {
  for (const probabilities of [{ angry: 1 }, { anxious: 0.8, neutral: 0.2 }]) {
    const result = matchSongs(probabilities, { catalogue: GRID, mode: 'lift', count: 5 });
    assert.equal(result.route, 'energy-first');
    assert.equal(result.monotonic, true);
    const [first, second, , , last] = result.songs.map((s) => s.song);
    assert.ok(moodDistance(first!, result.target) <= 0.1, 'starts at the mood');
    assert.ok(second!.arousal < first!.arousal - 0.15, 'energy drops at the second step');
    assert.ok(Math.abs(second!.valence - first!.valence) <= 0.1, 'valence holds at the second step');
    assert.ok(moodDistance(last!, LIFT_GOAL) <= 0.05, 'ends at the goal');
  }
});

test('lift: a mood already near calm goes straight; count 3–5 (default 4); a custom goal', () => {
  const happy = matchSongs({ happy: 1 }, { catalogue: GRID, mode: 'lift' });
  assert.equal(happy.route, 'direct');
  // Far from calm but neither tense nor sad: straight too.
  assert.equal(matchSongs({ neutral: 1 }, { catalogue: GRID, mode: 'lift' }).route, 'direct');
  assert.equal(
    matchSongs({ neutral: 0.5, sad: 0.5 }, { catalogue: GRID, mode: 'lift' }).route,
    'valence-first',
  );
  assert.equal(happy.songs.length, 4);
  assert.equal(matchSongs({ sad: 1 }, { catalogue: GRID, mode: 'lift', count: 3 }).songs.length, 3);
  assert.equal(matchSongs({ sad: 1 }, { catalogue: GRID, mode: 'lift', count: 5 }).songs.length, 5);
  throwsCode(
    () => matchSongs({ sad: 1 }, { catalogue: GRID, mode: 'lift', count: 2 }),
    'invalid-options',
    'count',
  );
  throwsCode(
    () => matchSongs({ sad: 1 }, { catalogue: GRID, mode: 'lift', count: 6 }),
    'invalid-options',
    'count',
  );
  const goal = { valence: 0.9, arousal: 0.6 };
  const custom = matchSongs({ sad: 1 }, { catalogue: GRID, mode: 'lift', goal });
  assert.deepEqual(custom.goal, goal);
  assert.equal(custom.songs.at(-1)!.song.id, 'v9a6');
  assert.deepEqual(custom.songs.at(-1)!.waypoint, goal);
  throwsCode(
    () => matchSongs({ sad: 1 }, { catalogue: GRID, mode: 'lift', goal: { valence: 2, arousal: 0 } }),
    'invalid-options',
    'goal',
  );
});

test('lift applies exclude, language and one-per-artist too', () => {
  const plain = ids(matchSongs({ sad: 1 }, { catalogue: GRID, mode: 'lift' }));
  const excluded = ids(matchSongs({ sad: 1 }, { catalogue: GRID, mode: 'lift', exclude: plain }));
  assert.equal(excluded.length, 4);
  assert.ok(excluded.every((id) => !plain.includes(id)));
  const catalogue = validateCatalogue([
    song('start', 0.14, 0.31, { artist: 'Same' }),
    song('start-other', 0.16, 0.31),
    song('same-artist-goal', 0.78, 0.19, { artist: 'Same' }),
    song('goal-ko', 0.75, 0.2, { language: 'ko' }),
    song('middle', 0.45, 0.31),
  ]);
  const path = matchSongs({ sad: 1 }, { catalogue, mode: 'lift', count: 3 });
  assert.deepEqual(ids(path), ['start', 'middle', 'goal-ko']);
  const free = matchSongs({ sad: 1 }, { catalogue, mode: 'lift', count: 3, onePerArtist: false });
  assert.deepEqual(ids(free), ['start', 'middle', 'same-artist-goal']);
  const ko = matchSongs(
    { sad: 1 },
    { catalogue, mode: 'lift', count: 3, language: 'ko', strictLanguage: true },
  );
  assert.deepEqual(ids(ko), ['goal-ko']);
});

test('lift with a seed varies among near-tied songs, reproducibly, and stays monotonic', () => {
  // Three songs at every grid point, by different artists: each waypoint has exact ties.
  const tripled = validateCatalogue(
    GRID.flatMap((s) => [0, 1, 2].map((k) => ({ ...s, id: `${s.id}-${k}`, artist: `${s.artist} ${k}` }))),
  );
  const path = (seed: number): string =>
    ids(matchSongs({ anxious: 1 }, { catalogue: tripled, mode: 'lift', seed })).join();
  assert.equal(path(5), path(5));
  const paths = new Set(Array.from({ length: 10 }, (_, seed) => path(seed)));
  assert.ok(paths.size >= 3, `only ${paths.size} distinct paths over 10 seeds`);
  for (let seed = 0; seed < 10; seed++) {
    assert.equal(matchSongs({ anxious: 1 }, { catalogue: tripled, mode: 'lift', seed }).monotonic, true);
  }
});

test('lift reports a path that cannot move steadily toward the goal as not monotonic', () => {
  const catalogue = validateCatalogue([
    song('goal', 0.78, 0.19),
    song('start', 0.14, 0.31),
    song('away', 0.1, 0.9),
  ]);
  const result = matchSongs({ sad: 1 }, { catalogue, mode: 'lift', count: 3 });
  assert.deepEqual(ids(result), ['start', 'goal', 'away']);
  assert.equal(result.monotonic, false);
});

test('every result carries a Korean and English reason and play links', () => {
  const match = matchSongs({ sad: 1 }, { catalogue: GRID, count: 2 });
  for (const s of match.songs) {
    assert.match(s.reason.en, /sits with your sadness\.$/);
    assert.match(s.reason.ko, /^슬픈 마음 곁에 머물러 줄 /);
    assert.match(s.links.youtube, /^https:\/\/www\.youtube\.com\/results\?search_query=Title%20/);
    assert.ok(s.links.melon.startsWith('https://www.melon.com/'));
  }
  const lift = matchSongs({ anxious: 1 }, { catalogue: GRID, mode: 'lift' });
  assert.match(lift.songs[0]!.reason.en, /to start where you are\.$/);
  assert.match(lift.songs[1]!.reason.en, /to ease anxiety\.$/);
  assert.match(lift.songs[3]!.reason.en, /to settle into calm\.$/);
  assert.match(lift.songs[1]!.reason.ko, /^불안을 달래 줄 /);
});

test('results are plain data that survive JSON', () => {
  const result = matchSongs({ happy: 0.6, neutral: 0.4 }, { catalogue: GRID, mode: 'lift', seed: 7 });
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
});

test('without a catalogue the shipped one is used; a Korean sad match gives Korean sad songs', () => {
  const result = matchSongs({ sad: 1 }, { language: 'ko', strictLanguage: true });
  assert.equal(result.songs.length, 5);
  assert.ok(result.songs.every((s) => DEFAULT_CATALOGUE.includes(s.song)));
  assert.ok(
    result.songs.every((s) => s.song.language === 'ko' && s.song.valence < 0.3 && s.song.arousal < 0.5),
  );
  const lift = matchSongs({ angry: 1 }, { mode: 'lift', count: 5 });
  assert.equal(lift.songs.length, 5);
  assert.equal(lift.monotonic, true);
  assert.equal(new Set(lift.songs.map((s) => s.song.artist)).size, 5);
});

test('an unvalidated catalogue is validated on the way in, with typed errors', () => {
  const result = matchSongs({ sad: 1 }, { catalogue: [song('a', 0.1, 0.3)] });
  assert.deepEqual(ids(result), ['a']);
  assert.deepEqual(ids(matchSongs({ sad: 1 }, { catalogue: { songs: [song('b', 0.1, 0.3)] } })), ['b']);
  throwsCode(
    () => matchSongs({ sad: 1 }, { catalogue: [song('a', 0.1, 0.3), song('a', 0.2, 0.3)] }),
    'duplicate-id',
  );
  throwsCode(
    () => matchSongs({ sad: 1 }, { catalogue: [song('a', 1.1, 0.3)] }),
    'invalid-catalogue',
    'valence',
  );
});

test('bad probabilities and options give typed errors', () => {
  throwsCode(() => matchSongs({}, { catalogue: GRID }), 'invalid-probabilities');
  throwsCode(() => matchSongs({ sad: -1, happy: 2 }, { catalogue: GRID }), 'invalid-probabilities', 'sad');
  throwsCode(() => matchSongs({ joy: 1 } as never, { catalogue: GRID }), 'invalid-probabilities', 'joy');
  throwsCode(() => matchSongs({ sad: Number.NaN }, { catalogue: GRID }), 'invalid-probabilities', 'sad');
  throwsCode(
    () => matchSongs({ sad: 1 }, { catalogue: GRID, mode: 'cheer' as never }),
    'invalid-options',
    'mode',
  );
  throwsCode(() => matchSongs({ sad: 1 }, null as never), 'invalid-options', 'options');
});
