// Personal calibration (issue #15): a small per-person adjustment of the model's output, learnt on
// the device from the person's own corrected and confirmed entries. Vector scaling on log-probabilities
// — one shared scale and a bias per label — pulled toward "no change" by a Gaussian prior, so a few
// corrections move it a little and many move it more. Plain data, safe to store and sync encrypted.
import { EMOTION_LABELS, type EmotionLabel, type EmotionProbabilities } from '@moodiary/core';

/** A fitted personal calibration (JSON-safe). `applyCalibration` turns model output into the person's. */
export interface Calibration {
  readonly format: 'moodiary-calibration';
  readonly version: 1;
  /** Multiplies every log-probability (1: unchanged; below 1 softens, above 1 sharpens). */
  readonly scale: number;
  /** Added to each label's log-probability (0: unchanged). */
  readonly bias: Readonly<Record<EmotionLabel, number>>;
  /** How many of the person's answers it was fitted on. */
  readonly samples: number;
}

/** One of the person's answers: what the model said, and the label the person gave or confirmed. */
export interface CalibrationSample {
  readonly probabilities: EmotionProbabilities;
  readonly label: EmotionLabel;
}

export interface CalibrationOptions {
  /**
   * Weight of the prior toward no change, in answers: the fit counts as if this many answers had
   * said the model was right as it is. Default {@link DEFAULT_CALIBRATION_STRENGTH}.
   */
  readonly strength?: number;
}

/**
 * Chosen among 1, 2 and 4 on the people of `aihub-kr/dev` and `lfw-expr/dev` (`npm run eval --
 * --personalize 3,6,12,24`): the largest gain at K = 12 with at most one person more than 2 points
 * worse and calibration no worse from K = 6. Chosen and reported on the same people: optimistic.
 */
export const DEFAULT_CALIBRATION_STRENGTH = 2;

/** Fewer answers than this leave the model unchanged: one or two corrections say little about a face. */
export const MIN_CALIBRATION_SAMPLES = 3;

/** A diary entry as far as a calibration reads it (`@moodiary/store`'s `MoodEntry` and `MoodPoint` are ones). */
export interface AnsweredEntry {
  readonly source?: string;
  readonly label: EmotionLabel;
  readonly probabilities?: EmotionProbabilities;
  /** ISO 8601 instant. */
  readonly createdAt?: string;
}

/**
 * The person's answers among diary entries: those read from a face that keep the model's
 * probabilities — corrected (`source: 'corrected'`, the label the person chose) or confirmed
 * (`source: 'face'`) — written after `since` (an ISO instant: a reset point), if given. Entries
 * written by hand say nothing about the face and are left out.
 */
export function calibrationSamples(
  entries: Iterable<AnsweredEntry>,
  options: { readonly since?: string | null } = {},
): CalibrationSample[] {
  const since = options.since ? Date.parse(options.since) : -Infinity;
  const out: CalibrationSample[] = [];
  for (const e of entries) {
    if ((e.source !== 'corrected' && e.source !== 'face') || !e.probabilities) continue;
    if (since > -Infinity && !(Date.parse(e.createdAt ?? '') > since)) continue;
    out.push({ probabilities: e.probabilities, label: e.label });
  }
  return out;
}

const N = EMOTION_LABELS.length;
const FLOOR = 1e-6; // log(0) guard: the model never says exactly 0, but stored data may round to it

/** The calibration that changes nothing. */
export function identityCalibration(samples = 0): Calibration {
  return {
    format: 'moodiary-calibration',
    version: 1,
    scale: 1,
    bias: Object.fromEntries(EMOTION_LABELS.map((l) => [l, 0])) as Record<EmotionLabel, number>,
    samples,
  };
}

function logProbabilities(p: EmotionProbabilities): number[] {
  return EMOTION_LABELS.map((l) => Math.log(Math.max(FLOOR, Number(p[l]) || 0)));
}

function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The person's probabilities for a model output (all labels, summing to 1). */
export function applyCalibration(
  probabilities: EmotionProbabilities,
  calibration: Calibration,
): EmotionProbabilities {
  const logp = logProbabilities(probabilities);
  const q = softmax(logp.map((v, k) => calibration.scale * v + calibration.bias[EMOTION_LABELS[k]!]));
  return Object.fromEntries(EMOTION_LABELS.map((l, k) => [l, q[k]!])) as EmotionProbabilities;
}

/** True for a calibration this version can apply (checked before use: it comes from storage). */
export function isCalibration(value: unknown): value is Calibration {
  const c = value as Calibration | null;
  return (
    !!c &&
    c.format === 'moodiary-calibration' &&
    c.version === 1 &&
    Number.isFinite(c.scale) &&
    c.scale > 0 &&
    Number.isInteger(c.samples) &&
    typeof c.bias === 'object' &&
    c.bias !== null &&
    EMOTION_LABELS.every((l) => Number.isFinite(c.bias[l]))
  );
}

type Row = { logp: number[]; y: number };
/** [scale, bias_0 … bias_5]; the prior is centred on [1, 0 … 0]. */
type Theta = number[];
const IDENTITY: Theta = [1, ...new Array<number>(N).fill(0)];

/** How much stronger than `strength` the prior may be made for one person (∞: no change at all). */
const STRENGTH_STEPS = [1, 4, 16, Infinity];
/** Folds of the cross-validation that picks among them. */
const FOLDS = 6;

/**
 * Fits a calibration to the person's answers: the penalised log-loss
 * Σ −log q(label) + strength·(Σ bias² + (scale − 1)²) / 2, minimised by Newton's method (convex: a
 * few steps). How strongly to hold to "no change" is then chosen per person by cross-validation on
 * their own answers — `strength` × 1, 4 or 16, or no change at all — so an adjustment that would not
 * have predicted the person's held-back answers better than the model is not made.
 * Fewer than {@link MIN_CALIBRATION_SAMPLES} answers give the identity.
 */
export function fitCalibration(
  samples: readonly CalibrationSample[],
  options: CalibrationOptions = {},
): Calibration {
  const strength = options.strength ?? DEFAULT_CALIBRATION_STRENGTH;
  if (!(strength > 0)) throw new RangeError(`strength must be positive, got ${strength}`);
  const rows = samples
    .filter((s) => EMOTION_LABELS.includes(s.label))
    .map((s) => ({ logp: logProbabilities(s.probabilities), y: EMOTION_LABELS.indexOf(s.label) }));
  if (rows.length < MIN_CALIBRATION_SAMPLES) return identityCalibration(rows.length);
  const folds = Math.min(FOLDS, rows.length);
  const heldOutLoss = (step: number) => {
    let loss = 0;
    for (let f = 0; f < folds; f++) {
      const theta = fitTheta(
        rows.filter((_, i) => i % folds !== f),
        strength * step,
      );
      for (const [i, r] of rows.entries()) if (i % folds === f) loss += rowLoss(r, theta);
    }
    return loss;
  };
  const losses = STRENGTH_STEPS.map(heldOutLoss);
  const best = STRENGTH_STEPS[losses.indexOf(Math.min(...losses))]!;
  const theta = fitTheta(rows, strength * best);
  return {
    format: 'moodiary-calibration',
    version: 1,
    // A scale at or below 0 would turn the model upside down: the prior makes it unlikely, this makes it impossible.
    scale: Math.max(0.05, theta[0]!),
    bias: Object.fromEntries(EMOTION_LABELS.map((l, k) => [l, theta[k + 1]!])) as Record<
      EmotionLabel,
      number
    >,
    samples: rows.length,
  };
}

function rowLoss({ logp, y }: Row, theta: Theta): number {
  return -Math.log(softmax(logp.map((v, k) => theta[0]! * v + theta[k + 1]!))[y]!);
}

/** Newton's method on the penalised log-loss; an infinite strength is the identity. */
function fitTheta(rows: readonly Row[], strength: number): Theta {
  const theta = [...IDENTITY];
  if (!Number.isFinite(strength)) return theta;
  const P = N + 1;
  for (let iteration = 0; iteration < 50; iteration++) {
    const grad = theta.map((v, j) => strength * (v - IDENTITY[j]!));
    const hess = Array.from({ length: P }, (_, i) =>
      Array.from({ length: P }, (_, j) => (i === j ? strength : 0)),
    );
    for (const { logp, y } of rows) {
      const q = softmax(logp.map((v, k) => theta[0]! * v + theta[k + 1]!));
      // dz_k/dθ: scale → logp_k, bias_j → [j = k]; the gradient of −log q_y is Σ_k (q_k − [k = y]) dz_k,
      // the Hessian the covariance of dz under q.
      const meanLogp = q.reduce((a, qk, k) => a + qk * logp[k]!, 0);
      const centred = logp.map((v) => v - meanLogp);
      grad[0]! += meanLogp - logp[y]!;
      hess[0]![0]! += q.reduce((a, qk, k) => a + qk * centred[k]! ** 2, 0);
      for (let j = 0; j < N; j++) {
        grad[j + 1]! += q[j]! - (j === y ? 1 : 0);
        const c = q[j]! * centred[j]!;
        hess[0]![j + 1]! += c;
        hess[j + 1]![0]! += c;
        for (let i = 0; i < N; i++) hess[i + 1]![j + 1]! += q[i]! * ((i === j ? 1 : 0) - q[j]!);
      }
    }
    const step = solve(hess, grad);
    let size = 0;
    for (let j = 0; j < P; j++) {
      theta[j]! -= step[j]!;
      size = Math.max(size, Math.abs(step[j]!));
    }
    if (size < 1e-9) break;
  }
  return theta;
}

/** Solves A x = b for a small symmetric positive-definite A (Gaussian elimination with pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}
