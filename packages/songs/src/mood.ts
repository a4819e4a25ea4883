import {
  EMOTION_ANCHORS,
  EMOTION_LABELS,
  type EmotionLabel,
  type EmotionProbabilities,
} from '@moodiary/core';
import { SongsError } from './errors.js';
import type { MoodPoint } from './types.js';

/**
 * Valence/arousal of each label: the word-norm anchors of `@moodiary/core`
 * (Warriner, Kuperman & Brysbaert 2013, 1–9 scale rescaled to 0–1 as (x − 1) / 8).
 */
export const LABEL_ANCHORS: Readonly<Record<EmotionLabel, MoodPoint>> = EMOTION_ANCHORS;

/**
 * Default goal of `lift` paths: the "relaxed" word-norm anchor (valence 0.78, arousal 0.19),
 * a calm, content state. Pass `goal` to {@link matchSongs} to pick another.
 */
export const LIFT_GOAL: MoodPoint = Object.freeze({ valence: 0.78, arousal: 0.19 });

/**
 * Checks emotion probabilities and returns them normalised to sum to 1. Missing labels count
 * as 0, so a partial record such as `{ sad: 1 }` is accepted.
 * @throws {SongsError} `invalid-probabilities` for an unknown label, a negative or non-finite
 *   value, or when all values are 0.
 */
export function normalizeProbabilities(probabilities: Partial<EmotionProbabilities>): EmotionProbabilities {
  if (typeof probabilities !== 'object' || probabilities === null) {
    throw new SongsError(
      'invalid-probabilities',
      'Probabilities must be an object with one number per label.',
    );
  }
  for (const key of Object.keys(probabilities)) {
    if (!(EMOTION_LABELS as readonly string[]).includes(key)) {
      throw new SongsError(
        'invalid-probabilities',
        `Unknown label "${key}" (expected ${EMOTION_LABELS.join(', ')}).`,
        { details: { field: key } },
      );
    }
  }
  let sum = 0;
  for (const label of EMOTION_LABELS) {
    const value = probabilities[label] ?? 0;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new SongsError(
        'invalid-probabilities',
        `${label} must be a number of 0 or more, got ${JSON.stringify(value)}.`,
        {
          details: { field: label, value },
        },
      );
    }
    sum += value;
  }
  if (sum <= 0)
    throw new SongsError(
      'invalid-probabilities',
      'The probabilities sum to 0: at least one must be positive.',
    );
  const out = {} as EmotionProbabilities;
  for (const label of EMOTION_LABELS) out[label] = (probabilities[label] ?? 0) / sum;
  return out;
}

/**
 * The mood to match: the probability-weighted mix of the labels' {@link LABEL_ANCHORS}, not only
 * the top label's. Probabilities are normalised first.
 *
 * @example
 * moodTarget({ happy: 0, angry: 0, sad: 0.5, anxious: 0, neutral: 0.5, embarrassed: 0 })
 * // { valence: 0.35, arousal: 0.31 }
 */
export function moodTarget(probabilities: Partial<EmotionProbabilities>): MoodPoint {
  const p = normalizeProbabilities(probabilities);
  let valence = 0;
  let arousal = 0;
  for (const label of EMOTION_LABELS) {
    valence += p[label] * LABEL_ANCHORS[label].valence;
    arousal += p[label] * LABEL_ANCHORS[label].arousal;
  }
  return { valence, arousal };
}

/**
 * A day's summary: the mean of several entries' probabilities (each normalised first), the same
 * shape {@link matchSongs} takes for one entry. Pass `weights` (e.g. each entry's confidence or
 * duration) for a weighted mean.
 * @throws {SongsError} `invalid-probabilities` for an empty list, a bad entry, or weights that
 *   do not fit.
 */
export function meanProbabilities(
  entries: readonly Partial<EmotionProbabilities>[],
  weights?: readonly number[],
): EmotionProbabilities {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new SongsError('invalid-probabilities', 'A day summary needs at least one entry.');
  }
  if (weights !== undefined) {
    if (weights.length !== entries.length) {
      throw new SongsError(
        'invalid-probabilities',
        `Got ${weights.length} weights for ${entries.length} entries.`,
        {
          details: { field: 'weights' },
        },
      );
    }
    weights.forEach((w, index) => {
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
        throw new SongsError(
          'invalid-probabilities',
          `weights[${index}] must be a number of 0 or more, got ${w}.`,
          {
            details: { field: 'weights', index, value: w },
          },
        );
      }
    });
  }
  const sum = Object.fromEntries(EMOTION_LABELS.map((l) => [l, 0])) as EmotionProbabilities;
  entries.forEach((entry, index) => {
    let p: EmotionProbabilities;
    try {
      p = normalizeProbabilities(entry);
    } catch (error) {
      const e = error as SongsError;
      throw new SongsError('invalid-probabilities', `entries[${index}]: ${e.message}`, {
        cause: e,
        details: { ...e.details, index },
      });
    }
    const w = weights?.[index] ?? 1;
    for (const label of EMOTION_LABELS) sum[label] += w * p[label];
  });
  return normalizeProbabilities(sum);
}

/** The label with the highest probability (first in label order on ties). */
export function topLabel(probabilities: EmotionProbabilities): EmotionLabel {
  let best: EmotionLabel = EMOTION_LABELS[0];
  for (const label of EMOTION_LABELS) if (probabilities[label] > probabilities[best]) best = label;
  return best;
}

/** Euclidean distance between two mood points. */
export function moodDistance(a: MoodPoint, b: MoodPoint): number {
  return Math.hypot(a.valence - b.valence, a.arousal - b.arousal);
}
