// `npm run eval -- --personalize K,…` (issue #15): how much a person's own answers help, simulated on
// people the model never saw. For every subject with enough images, K of them (drawn with a fixed
// seed, spread over labels the way a person's corrections would be) fit a calibration; the rest of
// that subject's images are scored before and after. Repeated over seeds, summarised over people.
import { EMOTION_LABELS, type EmotionLabel, type EmotionProbabilities } from '@moodiary/core';
import { applyCalibration, fitCalibration } from '../src/calibration.js';
import { computeMetrics, type Scored } from '../src/metrics.js';

export interface PersonRow {
  subject: string;
  label: EmotionLabel;
  probabilities: number[];
}

export interface PersonalizeOptions {
  ks: readonly number[];
  seeds: number;
  strength?: number;
  /** Images a subject must have besides the K to be scored (default 10). */
  minHeldOut?: number;
}

interface Side {
  meanPersonAccuracy: number;
  macroF1: number;
  ece: number;
}

export interface PersonalizeResult {
  k: number;
  people: number;
  seeds: number;
  before: Side;
  after: Side;
  /** Mean over people of (after − before) per-person accuracy, with a 95% interval over people. */
  meanDelta: number;
  ci95: [number, number];
  /** The lowest per-person accuracy change, each person's averaged over seeds (negative: worse). */
  worstPersonDelta: number;
  /** People whose accuracy fell by more than 2 points on average over seeds. */
  peopleWorseBy2Points: number;
  /** Mean milliseconds per fit. */
  fitMs: number;
}

/** mulberry32 seeded by a string hash: the same draws on every machine. */
function random(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** K rows taken a label at a time (happy, then sad, …, then again), each label's in shuffled order. */
export function spreadOverLabels<T extends { label: EmotionLabel }>(
  rows: readonly T[],
  k: number,
  seed: string,
): T[] {
  const byLabel = EMOTION_LABELS.map((l) =>
    shuffled(
      rows.filter((r) => r.label === l),
      random(`${seed}:${l}`),
    ),
  );
  const order = shuffled(
    EMOTION_LABELS.map((_, i) => i),
    random(`${seed}:order`),
  );
  const out: T[] = [];
  for (let round = 0; out.length < k; round++) {
    let took = false;
    for (const i of order)
      if (out.length < k && round < byLabel[i]!.length) {
        out.push(byLabel[i]![round]!);
        took = true;
      }
    if (!took) break;
  }
  return out;
}

const asProbabilities = (p: number[]) =>
  Object.fromEntries(EMOTION_LABELS.map((l, k) => [l, p[k]!])) as EmotionProbabilities;
const argmax = (p: number[]) => p.indexOf(Math.max(...p));
const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);

export function simulatePersonalization(
  rows: readonly PersonRow[],
  options: PersonalizeOptions,
): PersonalizeResult[] {
  const minHeldOut = options.minHeldOut ?? 10;
  const bySubject = new Map<string, PersonRow[]>();
  for (const r of rows) bySubject.set(r.subject, [...(bySubject.get(r.subject) ?? []), r]);
  return options.ks.map((k) => {
    const people = [...bySubject].filter(([, own]) => own.length >= k + minHeldOut);
    const delta = new Map<string, number[]>(people.map(([s]) => [s, []]));
    const sides = { before: [] as Side[], after: [] as Side[] };
    let fitMs = 0;
    let fits = 0;
    for (let seed = 0; seed < options.seeds; seed++) {
      const pooled = { before: [] as Scored[], after: [] as Scored[] };
      const accuracy = { before: [] as number[], after: [] as number[] };
      for (const [subject, own] of people) {
        const chosen = new Set(spreadOverLabels(own, k, `${subject}:${seed}`));
        const held = own.filter((r) => !chosen.has(r));
        const t = performance.now();
        const calibration = fitCalibration(
          [...chosen].map((r) => ({ probabilities: asProbabilities(r.probabilities), label: r.label })),
          options.strength === undefined ? {} : { strength: options.strength },
        );
        fitMs += performance.now() - t;
        fits++;
        const after = held.map((r) => {
          const q = applyCalibration(asProbabilities(r.probabilities), calibration);
          return EMOTION_LABELS.map((l) => q[l]);
        });
        const right = (p: number[], r: PersonRow) => (EMOTION_LABELS[argmax(p)] === r.label ? 1 : 0);
        const accBefore = mean(held.map((r) => right(r.probabilities, r)));
        const accAfter = mean(held.map((r, i) => right(after[i]!, r)));
        accuracy.before.push(accBefore);
        accuracy.after.push(accAfter);
        delta.get(subject)!.push(accAfter - accBefore);
        held.forEach((r, i) => {
          pooled.before.push({ label: r.label, probabilities: r.probabilities });
          pooled.after.push({ label: r.label, probabilities: after[i]! });
        });
      }
      for (const side of ['before', 'after'] as const) {
        const m = computeMetrics(pooled[side]);
        sides[side].push({ meanPersonAccuracy: mean(accuracy[side]), macroF1: m.macroF1, ece: m.ece });
      }
    }
    const perPerson = [...delta.values()].map(mean);
    const d = mean(perPerson);
    const sd = Math.sqrt(perPerson.reduce((a, v) => a + (v - d) ** 2, 0) / Math.max(1, perPerson.length - 1));
    const half = (1.96 * sd) / Math.sqrt(Math.max(1, perPerson.length));
    const average = (list: Side[]): Side => ({
      meanPersonAccuracy: mean(list.map((s) => s.meanPersonAccuracy)),
      macroF1: mean(list.map((s) => s.macroF1)),
      ece: mean(list.map((s) => s.ece)),
    });
    return {
      k,
      people: people.length,
      seeds: options.seeds,
      before: average(sides.before),
      after: average(sides.after),
      meanDelta: d,
      ci95: [d - half, d + half],
      worstPersonDelta: perPerson.length ? Math.min(...perPerson) : 0,
      peopleWorseBy2Points: perPerson.filter((v) => v < -0.02).length,
      fitMs: fits ? fitMs / fits : 0,
    };
  });
}
