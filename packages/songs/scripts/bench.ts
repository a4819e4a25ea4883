// Benchmark: one `matchSongs` call over a 20,000-song catalogue, against a naive baseline
// (distance to every song, full sort, then one song per artist) measured in the same run.
// Run: node --conditions=source --import tsx packages/songs/scripts/bench.ts
// (`npm run bench` at the repository root runs it too.)
import { cpus } from 'node:os';
import { EMOTION_LABELS, type EmotionProbabilities } from '@moodiary/core';
import {
  matchSongs,
  moodTarget,
  validateCatalogue,
  type Catalogue,
  type MatchOptions,
} from '@moodiary/songs';
import { generator } from './random.js';

const SIZE = 20_000;
const RUNS = 400;
const WARMUP = 50;
const TARGET_MS = 5;

const random = generator(20_000);
const LANGUAGES = ['ko', 'ko', 'en', 'en', 'en', 'ja', 'es', 'zxx'];
const catalogue: Catalogue = validateCatalogue(
  Array.from({ length: SIZE }, (_, i) => ({
    id: `song-${i}`,
    title: `Song ${i}`,
    // About five songs per artist, so one-per-artist has work to do.
    artist: `Artist ${Math.floor(random() * (SIZE / 5))}`,
    language: LANGUAGES[i % LANGUAGES.length]!,
    valence: Math.round(random() * 100) / 100,
    arousal: Math.round(random() * 100) / 100,
    tags: ['bench'],
  })),
);

/** Random six-label probabilities (a flat Dirichlet draw). */
function moods(count: number, seed: number): EmotionProbabilities[] {
  const next = generator(seed);
  return Array.from({ length: count }, () => {
    const raw = EMOTION_LABELS.map(() => -Math.log(1 - next()));
    const sum = raw.reduce((s, x) => s + x, 0);
    return Object.fromEntries(
      EMOTION_LABELS.map((label, k) => [label, raw[k]! / sum]),
    ) as EmotionProbabilities;
  });
}

/** The baseline: distance to every song, a full sort, then the first `count` distinct artists. */
function naiveMatch(probabilities: EmotionProbabilities, count: number): string[] {
  const target = moodTarget(probabilities);
  const scored = catalogue.map((song) => ({
    song,
    distance: Math.hypot(song.valence - target.valence, song.arousal - target.arousal),
  }));
  scored.sort((a, b) => a.distance - b.distance);
  const artists = new Set<string>();
  const picked: string[] = [];
  for (const { song } of scored) {
    if (artists.has(song.artist)) continue;
    artists.add(song.artist);
    picked.push(song.id);
    if (picked.length === count) break;
  }
  return picked;
}

function time(run: (p: EmotionProbabilities) => unknown): { median: number; p95: number } {
  const inputs = moods(WARMUP + RUNS, 7);
  for (let k = 0; k < WARMUP; k++) run(inputs[k]!);
  const samples: number[] = [];
  for (let k = WARMUP; k < WARMUP + RUNS; k++) {
    const start = performance.now();
    run(inputs[k]!);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

const recent = Array.from({ length: 50 }, (_, k) => `song-${k * 97}`);
const cases: [string, (p: EmotionProbabilities) => unknown][] = [
  ['baseline: full sort (match, 5 songs)', (p) => naiveMatch(p, 5)],
  ['matchSongs match, 5 songs', (p) => matchSongs(p, { catalogue, count: 5 })],
  [
    'matchSongs match, 10 songs + language, exclude 50, seed',
    (p) =>
      matchSongs(p, {
        catalogue,
        count: 10,
        language: 'ko',
        exclude: recent,
        seed: 3,
      } satisfies MatchOptions),
  ],
  ['matchSongs lift, 5 songs', (p) => matchSongs(p, { catalogue, mode: 'lift', count: 5 })],
];

// The naive baseline and matchSongs must agree on the first song (sanity check, not a benchmark).
for (const p of moods(20, 11)) {
  const ours = matchSongs(p, { catalogue, count: 1 }).songs[0]!.song;
  const naiveId = naiveMatch(p, 1)[0];
  const theirs = catalogue.find((s) => s.id === naiveId)!;
  const target = moodTarget(p);
  const d = (s: { valence: number; arousal: number }): number =>
    Math.hypot(s.valence - target.valence, s.arousal - target.arousal);
  if (Math.abs(d(ours) - d(theirs)) > 1e-12) throw new Error('matchSongs and the baseline disagree');
}

console.log(`Machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length} cores, Node ${process.version}`);
console.log(
  `Catalogue: ${SIZE.toLocaleString('en')} songs (validated and indexed once); ${RUNS} timed runs after ${WARMUP} warm-up runs, random moods.\n`,
);
console.log(`${'case'.padEnd(58)}${'median'.padStart(10)}${'p95'.padStart(10)}`);
let failed = false;
for (const [name, run] of cases) {
  const { median, p95 } = time(run);
  console.log(
    `${name.padEnd(58)}${`${median.toFixed(2)} ms`.padStart(10)}${`${p95.toFixed(2)} ms`.padStart(10)}`,
  );
  if (name.startsWith('matchSongs match, 5') && median > TARGET_MS) failed = true;
}
console.log(`\nTarget: one match ≤ ${TARGET_MS} ms median — ${failed ? 'MISSED' : 'met'}.`);
process.exitCode = failed ? 1 : 0;
