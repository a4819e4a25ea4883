import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMOTION_LABELS, type EmotionLabel, type EmotionProbabilities } from '@moodiary/core';
import {
  applyCalibration,
  calibrationSamples,
  fitCalibration,
  identityCalibration,
  isCalibration,
  MIN_CALIBRATION_SAMPLES,
  type Calibration,
  type CalibrationSample,
} from './calibration.js';

/** mulberry32: the same draws on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const probs = (z: number[]): EmotionProbabilities => {
  const e = z.map(Math.exp);
  const s = e.reduce((a, b) => a + b, 0);
  return Object.fromEntries(EMOTION_LABELS.map((l, k) => [l, e[k]! / s])) as EmotionProbabilities;
};

/**
 * A person whose faces the model reads through a known distortion: the true class's logit is
 * `truth`, and the model adds `shift` (e.g. reads this person's resting face as sad). Labels are
 * drawn from the person's true probabilities, so the best calibration undoes the shift.
 */
function person(shift: number[], n: number, seed: number): CalibrationSample[] {
  const random = rng(seed);
  const out: CalibrationSample[] = [];
  for (let i = 0; i < n; i++) {
    const truth = EMOTION_LABELS.map(() => (random() - 0.5) * 4);
    const trueP = probs(truth);
    let u = random();
    let label: EmotionLabel = EMOTION_LABELS[EMOTION_LABELS.length - 1]!;
    for (const l of EMOTION_LABELS) if ((u -= trueP[l]) < 0) ((label = l), (u = Infinity));
    out.push({ probabilities: probs(truth.map((v, k) => v + shift[k]!)), label });
  }
  return out;
}

const nll = (samples: CalibrationSample[], c: Calibration) =>
  samples.reduce((a, s) => a - Math.log(applyCalibration(s.probabilities, c)[s.label]), 0) / samples.length;

test('the identity changes nothing, and every result is a distribution', () => {
  const p = probs([1, 0.2, -1, 0, 2, -0.5]);
  const same = applyCalibration(p, identityCalibration());
  for (const l of EMOTION_LABELS) assert.ok(Math.abs(same[l] - p[l]) < 1e-12);
  const c = fitCalibration(person([0, 0, 2, 0, 0, 0], 200, 1));
  const q = applyCalibration(p, c);
  assert.ok(Math.abs(EMOTION_LABELS.reduce((a, l) => a + q[l], 0) - 1) < 1e-12);
});

test('a known per-person bias is recovered from enough answers', () => {
  const shift = [0, 0, 1.5, 0, -1, 0]; // reads this face as sadder and less neutral than it is
  const c = fitCalibration(person(shift, 3000, 2));
  const bias = EMOTION_LABELS.map((l) => c.bias[l]);
  const mean = bias.reduce((a, b) => a + b, 0) / bias.length;
  const shiftMean = shift.reduce((a, b) => a + b, 0) / shift.length;
  // Biases are defined up to a constant: compare centred values.
  for (let k = 0; k < shift.length; k++)
    assert.ok(
      Math.abs(bias[k]! - mean + (shift[k]! - shiftMean)) < 0.2,
      `bias ${EMOTION_LABELS[k]}: ${bias[k]}`,
    );
  assert.ok(Math.abs(c.scale - 1) < 0.1, `scale ${c.scale}`);
  assert.equal(c.samples, 3000);
});

test('few answers move it a little, more answers more; under the minimum it is the identity', () => {
  const answers = person([0, 0, 2, 0, 0, 0], 400, 3);
  assert.deepEqual(fitCalibration(answers.slice(0, MIN_CALIBRATION_SAMPLES - 1)), identityCalibration(2));
  const sad = (n: number) => Math.abs(fitCalibration(answers.slice(0, n)).bias.sad);
  assert.ok(sad(6) < sad(50) && sad(50) < sad(400), `${sad(6)} ${sad(50)} ${sad(400)}`);
});

test('on held-back answers, 12 answers of a person help a distorted reading and barely touch a right one', () => {
  const meanGain = (shift: number[], seed: number) => {
    let sum = 0;
    for (let p = 0; p < 20; p++) {
      const all = person(shift, 512, seed * 100 + p);
      const [fit, held] = [all.slice(0, 12), all.slice(12)];
      sum += nll(held, identityCalibration()) - nll(held, fitCalibration(fit));
    }
    return sum / 20;
  };
  const distorted = meanGain([0, 0, 1.5, 0, -1, 0], 4);
  const right = meanGain([0, 0, 0, 0, 0, 0], 5);
  assert.ok(distorted > 0.05, `gain ${distorted} for a distorted reading`);
  assert.ok(right > -0.03, `loss ${-right} for a person the model reads right`);
  assert.ok(distorted > 3 * Math.abs(right));
});

test('fitting checks its input, and what it returns survives JSON', () => {
  const answers = person([0, 1, 0, 0, 0, 0], 200, 6);
  assert.throws(() => fitCalibration(answers, { strength: 0 }), RangeError);
  assert.ok(isCalibration(JSON.parse(JSON.stringify(fitCalibration(answers)))));
  assert.ok(!isCalibration({ ...identityCalibration(), scale: -1 }));
  assert.ok(!isCalibration({ ...identityCalibration(), bias: { happy: 0 } }));
});

test('calibrationSamples: corrected and confirmed face entries with probabilities, after the reset point', () => {
  const p = probs([1, 0, 0, 0, 0, 0]);
  const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T09:00:00.000Z`;
  const entries = [
    { source: 'corrected', label: 'sad' as const, probabilities: p, createdAt: at(1) },
    { source: 'face', label: 'happy' as const, probabilities: p, createdAt: at(2) },
    // Written by hand: says nothing about the face.
    { source: 'manual', label: 'angry' as const, createdAt: at(3) },
    // A face entry without the model's probabilities (an old import) cannot be learnt from.
    { source: 'face', label: 'neutral' as const, createdAt: at(4) },
    { source: 'corrected', label: 'anxious' as const, probabilities: p, createdAt: at(5) },
  ];
  assert.deepEqual(
    calibrationSamples(entries).map((s) => s.label),
    ['sad', 'happy', 'anxious'],
  );
  assert.deepEqual(
    calibrationSamples(entries, { since: at(2) }).map((s) => s.label),
    ['anxious'],
  );
  assert.deepEqual(calibrationSamples(entries, { since: null }).length, 3);
  assert.deepEqual(calibrationSamples(entries)[0], { probabilities: p, label: 'sad' });
});
