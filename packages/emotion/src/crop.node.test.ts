import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { cropGeometry, cutCrops, eyeRoll, rotatedRect } from './crop.js';
import { compileDescriptor, type CompiledDescriptor } from './descriptor.js';
import type { Box, Keypoint } from './types.js';

/** A 48×48 gray model whose crop is 1.25 × the face, shifted down by 0.1 of the crop, eyes levelled. */
function descriptor(crop: Partial<CompiledDescriptor['crop']> = {}): CompiledDescriptor {
  return compileDescriptor(
    {
      format: 'moodiary-emotion-model',
      formatVersion: 1,
      name: 'test',
      version: '1',
      model: { url: 'model.json', format: 'graph' },
      labels: ['happy', 'angry', 'sad', 'anxious', 'neutral', 'embarrassed'],
      outputs: { kind: 'logits', labels: ['happy', 'angry', 'sad', 'anxious', 'neutral', 'embarrassed'] },
      input: { width: 48, height: 48, channels: 1, gray: [0.299, 0.587, 0.114], range: [0, 1] },
      crop: { scale: 1.25, offsetY: 0.1, square: true, alignEyes: true, ...crop },
      temperature: 1,
      flipTTA: false,
    },
    'test',
  );
}

const eyes = (rx: number, ry: number, lx: number, ly: number): Keypoint[] => [
  { name: 'rightEye', x: rx, y: ry },
  { name: 'leftEye', x: lx, y: ly },
];

/** Continuous image point that continuous output point (u, v) samples, by the transform row itself. */
function sample(t: number[], u: number, v: number) {
  const i = u - 0.5;
  const j = v - 0.5;
  return { x: t[0]! * i + t[1]! * j + t[2]! + 0.5, y: t[3]! * i + t[4]! * j + t[5]! + 0.5 };
}

before(async () => {
  await tf.setBackend('cpu');
});

const close = (a: number, b: number, what: string, eps = 1e-9) =>
  assert.ok(Math.abs(a - b) < eps, `${what}: ${a} ≠ ${b}`);

describe('eyeRoll', () => {
  it('is the eye line angle in working-image pixels (right eye → left eye, clockwise positive)', () => {
    close(eyeRoll(eyes(100, 100, 200, 100), 1, 1), 0, 'level');
    close(eyeRoll(eyes(100, 100, 200, 200), 1, 1), Math.PI / 4, '45° down to the left eye');
    close(eyeRoll(eyes(100, 100, 100, 50), 1, 1), -Math.PI / 2, 'a face turned a quarter left');
    // input pixels 2× the working image's across: an eye line of ~16° in the input is 30° in the working image
    close(eyeRoll(eyes(0, 0, 2 * Math.sqrt(3), 1), 2, 1), Math.PI / 6, 'scaled');
    assert.equal(eyeRoll([{ name: 'noseTip', x: 1, y: 1 }], 1, 1), 0, 'no eyes, no roll');
  });
});

describe('cropGeometry', () => {
  const box: Box = { x: 100, y: 50, width: 80, height: 100 };

  it('frames a level face: a 125 px square (1.25 × the longer side) around the box centre, 12.5 px lower', () => {
    const g = cropGeometry(box, eyes(120, 90, 160, 90), descriptor(), 1, 1);
    assert.equal(g.angle, 0);
    assert.equal(g.k, 2, '125 px ≥ 2 × 48: rendered at 96 px, then averaged down');
    // output is 96 px: its centre (48, 48) samples (140, 112.5); its corners the square's corners
    const centre = sample(g.transform, 48, 48);
    close(centre.x, 140, 'centre x');
    close(centre.y, 112.5, 'centre y');
    const corner = sample(g.transform, 0, 0);
    close(corner.x, 140 - 62.5, 'left edge');
    close(corner.y, 112.5 - 62.5, 'top edge');
    const far = sample(g.transform, 96, 96);
    close(far.x, 140 + 62.5, 'right edge');
    close(far.y, 112.5 + 62.5, 'bottom edge');
  });

  it('levels rolled eyes: the crop turns by the roll and shifts along the face’s own down axis', () => {
    const a = Math.PI / 6; // 30°
    const g = cropGeometry(
      box,
      eyes(120, 90, 120 + 40 * Math.cos(a), 90 + 40 * Math.sin(a)),
      descriptor(),
      1,
      1,
    );
    close(g.angle, a, 'angle');
    close(g.transform[0]!, (Math.cos(a) * 125) / 96, 'x step along the eye line');
    close(g.transform[3]!, (Math.sin(a) * 125) / 96, 'y step along the eye line');
    const centre = sample(g.transform, 48, 48);
    close(centre.x, 140 - Math.sin(a) * 12.5, 'centre x');
    close(centre.y, 100 + Math.cos(a) * 12.5, 'centre y');
    // the output's top edge runs parallel to the eye line
    const left = sample(g.transform, 0, 0);
    const right = sample(g.transform, 96, 0);
    close(Math.atan2(right.y - left.y, right.x - left.x), a, 'top edge angle');
  });

  it('keeps the box axes when the descriptor does not align the eyes, and uses a known face side', () => {
    const g = cropGeometry(box, eyes(120, 90, 160, 120), descriptor({ alignEyes: false }), 1, 1, 40);
    assert.equal(g.angle, 0);
    assert.equal(g.k, 1, '1.25 × 40 = 50 px: model size');
    close(g.transform[0]!, 50 / 48, 'pixel step');
    close(sample(g.transform, 24, 24).y, 100 + 5, 'offset 0.1 × 50 px');
  });

  it('maps input pixels to the working image (sx, sy) and caps the supersampling at 4×', () => {
    const big: Box = { x: 0, y: 0, width: 2000, height: 2000 };
    const g = cropGeometry(big, eyes(500, 800, 1500, 800), descriptor(), 2, 2);
    assert.equal(g.k, 4);
    const centre = sample(g.transform, (48 * 4) / 2, (48 * 4) / 2);
    close(centre.x, 500, 'centre x in working pixels');
    close(centre.y, 500 + 0.1 * 1250, 'centre y in working pixels');
  });

  it('cuts what it says from a real tensor (cutCrops), rolled 30°, area-averaged down from 2×', () => {
    // pixel (x, y) holds (x, y, 0): bilinear sampling and averaging of it return the sampled position
    const [w, h] = [240, 200];
    const image = tf.tidy(() => {
      const xs = tf.tile(tf.reshape(tf.range(0, w, 1, 'float32'), [1, w, 1]), [h, 1, 1]);
      const ys = tf.tile(tf.reshape(tf.range(0, h, 1, 'float32'), [h, 1, 1]), [1, w, 1]);
      return tf.concat([xs, ys, tf.zerosLike(xs)], 2) as tf.Tensor3D;
    });
    const a = Math.PI / 6;
    const d = descriptor();
    const g = cropGeometry(box, eyes(120, 90, 120 + 40 * Math.cos(a), 90 + 40 * Math.sin(a)), d, 1, 1);
    assert.equal(g.k, 2);
    const out = tf.tidy(() => cutCrops(image, [g, g], d.input));
    assert.deepEqual(out.shape, [2, 48, 48, 3]);
    const px = out.arraySync()[1]!;
    image.dispose();
    out.dispose();
    for (const [i, j] of [
      [0, 0],
      [24, 24],
      [47, 5],
      [5, 47],
    ] as const) {
      // model pixel (i, j) averages the 2 × 2 block whose centre is (2i + 1, 2j + 1) at 2× size
      const want = sample(g.transform, 2 * i + 1, 2 * j + 1);
      close(px[j]![i]![0]!, want.x - 0.5, `x at (${i}, ${j})`, 1e-3);
      close(px[j]![i]![1]!, want.y - 0.5, `y at (${i}, ${j})`, 1e-3);
    }
  });
});

describe('rotatedRect', () => {
  it('maps output points as its transform row does, the output centre to (cx, cy)', () => {
    const r = rotatedRect(50, 60, 40, 20, 80, 40, 1);
    for (const [u, v] of [
      [0, 0],
      [80, 40],
      [13.5, 7.25],
    ] as const) {
      const p = r.toImage(u, v);
      const q = sample(r.transform, u, v);
      close(p.x, q.x, 'x');
      close(p.y, q.y, 'y');
    }
    const c = r.toImage(40, 20);
    close(c.x, 50, 'centre x');
    close(c.y, 60, 'centre y');
  });
});
