// Evaluation (not a test): the matcher on the Deezer mood data set's test split used as a catalogue.
// Run: node --conditions=source --import tsx packages/songs/scripts/evaluate.ts [path/to/test.csv]
// Default file: ../shared/music/deezer-mood/test.csv, relative to the repository root. The data set
// has no licence: it is read here to measure, never copied into the package.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMOTION_LABELS, type EmotionLabel, type EmotionProbabilities } from '@moodiary/core';
import {
  DEFAULT_CATALOGUE,
  LABEL_ANCHORS,
  LIFT_GOAL,
  fromDeezerCsv,
  matchSongs,
  moodDistance,
  moodTarget,
  type Catalogue,
  type MatchResult,
  type MoodPoint,
} from '@moodiary/songs';
import { generator } from './random.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FILE = resolve(process.argv[2] ?? resolve(ROOT, '../shared/music/deezer-mood/test.csv'));
const TOP = 10;
const RANDOM_DRAWS = 2000;
const LIFT_SEEDS = 50;
const MIXED_MOODS = 1000;

let skipped = 0;
const deezer: Catalogue = fromDeezerCsv(readFileSync(FILE, 'utf8'), {
  skipInvalid: true,
  onSkip: () => skipped++,
});
/** The catalogue being evaluated: the Deezer test split, then (for comparison) the shipped one. */
let catalogue: Catalogue = deezer;

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const fmt = (x: number, digits = 3): string => x.toFixed(digits);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

interface Distances {
  readonly euclid: number;
  readonly valence: number;
  readonly arousal: number;
}

function distances(songs: readonly MoodPoint[], target: MoodPoint): Distances {
  return {
    euclid: mean(songs.map((s) => moodDistance(s, target))),
    valence: mean(songs.map((s) => Math.abs(s.valence - target.valence))),
    arousal: mean(songs.map((s) => Math.abs(s.arousal - target.arousal))),
  };
}

/** Mean distances of `TOP` songs drawn at random (without replacement), over many draws. */
function randomDistances(target: MoodPoint, seed: number): Distances & { beaten: (d: number) => number } {
  const next = generator(seed);
  const draws: Distances[] = [];
  for (let k = 0; k < RANDOM_DRAWS; k++) {
    const picked = new Set<number>();
    while (picked.size < TOP) picked.add(Math.floor(next() * catalogue.length));
    draws.push(
      distances(
        [...picked].map((i) => catalogue[i]!),
        target,
      ),
    );
  }
  return {
    euclid: mean(draws.map((d) => d.euclid)),
    valence: mean(draws.map((d) => d.valence)),
    arousal: mean(draws.map((d) => d.arousal)),
    beaten: (d) => draws.filter((x) => x.euclid <= d).length / draws.length,
  };
}

/** True when every song of a lift path is strictly closer to the goal than the one before. */
function movesTowardGoal(result: MatchResult): boolean {
  const goal = result.goal ?? LIFT_GOAL;
  const d = result.songs.map((s) => moodDistance(s.song, goal));
  return d.every((x, k) => k === 0 || x < d[k - 1]!);
}

/**
 * Ablation: the same waypoints filled with the plain nearest song (one per artist, no repeats),
 * without the matcher's preference for a song closer to the goal than the one before.
 */
function nearestOnlyMonotonic(result: MatchResult): boolean {
  const goal = result.goal ?? LIFT_GOAL;
  const used = new Set<number>();
  const artists = new Set<string>();
  const d: number[] = [];
  for (const { waypoint } of result.songs) {
    let best = -1;
    let bestDistance = Infinity;
    catalogue.forEach((song, i) => {
      if (used.has(i) || artists.has(song.artist.toLowerCase())) return;
      const distance = moodDistance(song, waypoint);
      if (distance < bestDistance) [best, bestDistance] = [i, distance];
    });
    used.add(best);
    artists.add(catalogue[best]!.artist.toLowerCase());
    d.push(moodDistance(catalogue[best]!, goal));
  }
  return d.every((x, k) => k === 0 || x < d[k - 1]!);
}

interface LiftStats {
  readonly paths: number;
  readonly monotonic: number;
  readonly nearestOnly: number;
  readonly startDistance: number;
  readonly endDistance: number;
  readonly agrees: number;
}

function liftStats(
  inputs: readonly { p: Partial<EmotionProbabilities>; count: 3 | 4 | 5; seed: number }[],
): LiftStats {
  const results = inputs.map(({ p, count, seed }) => matchSongs(p, { catalogue, mode: 'lift', count, seed }));
  return {
    paths: results.length,
    monotonic: mean(results.map((r) => (movesTowardGoal(r) ? 1 : 0))),
    nearestOnly: mean(results.map((r) => (nearestOnlyMonotonic(r) ? 1 : 0))),
    startDistance: mean(results.map((r) => moodDistance(r.songs[0]!.song, r.target))),
    endDistance: mean(results.map((r) => moodDistance(r.songs.at(-1)!.song, r.goal!))),
    agrees: mean(results.map((r) => (r.monotonic === movesTowardGoal(r) ? 1 : 0))),
  };
}

const counts = [3, 4, 5] as const;
const labelLiftInputs = (label: EmotionLabel) =>
  counts.flatMap((count) =>
    Array.from({ length: LIFT_SEEDS }, (_, seed) => ({ p: { [label]: 1 }, count, seed })),
  );

let mixed: EmotionProbabilities[] = [];

function report(title: string): void {
  const points = new Set(catalogue.map((s) => `${s.valence},${s.arousal}`));
  console.log(`\n## ${title}\n`);
  console.log(`  ${catalogue.length} songs, ${points.size} distinct valence/arousal points.`);
  console.log(
    `  Top ${TOP} by matchSongs (one song per artist) vs ${RANDOM_DRAWS} random draws of ${TOP} songs.`,
  );
  console.log(
    `  Lift: goal (${LIFT_GOAL.valence}, ${LIFT_GOAL.arousal}); ${counts.length} path lengths × ${LIFT_SEEDS} seeds per label.\n`,
  );

  console.log(
    '| label | target (v, a) | top-10 dist | random dist | top-10 |Δv| / |Δa| | random |Δv| / |Δa| | random ≤ top-10 | lift route | lift monotonic | nearest-only monotonic | lift start→mood | lift end→goal |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  const rows: { top: number; random: number; monotonic: number; nearestOnly: number }[] = [];
  for (const label of EMOTION_LABELS) {
    const target = LABEL_ANCHORS[label];
    const top = matchSongs({ [label]: 1 }, { catalogue, count: TOP });
    const ours = distances(
      top.songs.map((s) => s.song),
      target,
    );
    const random = randomDistances(target, EMOTION_LABELS.indexOf(label) + 1);
    const lift = liftStats(labelLiftInputs(label));
    const route = matchSongs({ [label]: 1 }, { catalogue, mode: 'lift' }).route;
    rows.push({
      top: ours.euclid,
      random: random.euclid,
      monotonic: lift.monotonic,
      nearestOnly: lift.nearestOnly,
    });
    console.log(
      `| ${label} | (${target.valence}, ${target.arousal}) | ${fmt(ours.euclid)} | ${fmt(random.euclid)} | ${fmt(ours.valence)} / ${fmt(ours.arousal)} | ${fmt(random.valence)} / ${fmt(random.arousal)} | ${pct(random.beaten(ours.euclid))} | ${route} | ${pct(lift.monotonic)} | ${pct(lift.nearestOnly)} | ${fmt(lift.startDistance)} | ${fmt(lift.endDistance)} |`,
    );
  }
  console.log(
    `| **mean** | | ${fmt(mean(rows.map((r) => r.top)))} | ${fmt(mean(rows.map((r) => r.random)))} | | | | | ${pct(mean(rows.map((r) => r.monotonic)))} | ${pct(mean(rows.map((r) => r.nearestOnly)))} | | |`,
  );

  // Mixed moods: random six-label probabilities (flat Dirichlet), the case the weighted target is for.
  const next = generator(99);
  mixed = Array.from({ length: MIXED_MOODS }, (): EmotionProbabilities => {
    const raw = EMOTION_LABELS.map(() => -Math.log(1 - next()));
    const sum = raw.reduce((s, x) => s + x, 0);
    return Object.fromEntries(EMOTION_LABELS.map((l, k) => [l, raw[k]! / sum])) as EmotionProbabilities;
  });
  const mixedTop = mean(
    mixed.map(
      (p) =>
        distances(
          matchSongs(p, { catalogue, count: TOP }).songs.map((s) => s.song),
          moodTarget(p),
        ).euclid,
    ),
  );
  const mixedRandom = mean(
    mixed.slice(0, 100).map((p, k) => randomDistances(moodTarget(p), 1000 + k).euclid),
  );
  const mixedLift = liftStats(mixed.map((p, k) => ({ p, count: counts[k % 3]!, seed: k })));
  console.log(`\nMixed moods (${MIXED_MOODS} random probability vectors):`);
  console.log(
    `  top-10 mean distance ${fmt(mixedTop)} vs random ${fmt(mixedRandom)} (random over the first 100 moods)`,
  );
  console.log(
    `  lift paths moving monotonically toward the goal: ${pct(mixedLift.monotonic)} (nearest-only ablation ${pct(mixedLift.nearestOnly)}); start→mood ${fmt(mixedLift.startDistance)}, end→goal ${fmt(mixedLift.endDistance)}`,
  );
  console.log(`  result.monotonic agrees with the independent check in ${pct(mixedLift.agrees)} of paths`);
}

console.log(`Evaluation of the matcher. Deezer file: ${FILE} (${skipped} rows skipped).`);
report('Deezer mood data set, test split (percentile-ranked)');
catalogue = DEFAULT_CATALOGUE;
report('Shipped default catalogue (team ratings), for comparison');
