import { EMOTION_LABELS, isMoodError } from '@moodiary/core';
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyCalibration, fitCalibration } from './calibration.js';
import { computeMetrics, parseCsv } from './metrics.js';
import { degrade } from '../scripts/degrade.js';
import jpeg from 'jpeg-js';
import {
  createEmotionDetector,
  DEFAULTS,
  fileIOHandler,
  sniffImage,
  validateConfig,
  type EmotionDetector,
} from './node.js';
import { fixture, FIXTURES, iou, manifest, MODELS_URL, REPO_ROOT, WASM_DIR } from './test-support.node.js';

const m = manifest();
const faces = m.hasFaces ? {} : { skip: 'no ../shared/data: face fixtures not built' };
const base = { modelBaseUrl: MODELS_URL, wasmPaths: WASM_DIR };

async function rejectsWith(work: () => Promise<unknown>, code: string, match?: RegExp) {
  await assert.rejects(work, (e: unknown) => {
    assert.ok(
      isMoodError(e, code),
      `expected code ${code}, got ${(e as Error)?.name}: ${(e as { code?: string })?.code} ${(e as Error)?.message}`,
    );
    if (match) assert.match((e as Error).message, match);
    return true;
  });
}

/** A minimal, structurally complete JPEG header announcing width × height. */
function fakeJpeg(width: number, height: number): Uint8Array {
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xc0,
    0,
    11,
    8,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    1,
    1,
    0x11,
    0,
    0xff,
    0xda,
    0,
    8,
    1,
    1,
    0,
    0,
    0x3f,
    0,
    0x12,
    0x34,
    0xff,
    0xd9,
  ]);
}

describe('validateConfig', () => {
  it('fills the defaults', () => {
    const c = validateConfig();
    assert.equal(c.detectorRange, 'short');
    assert.equal(c.backend, 'auto');
    assert.equal(c.maxFaces, 5);
    assert.equal(c.model, 'auto');
    assert.ok(c.modelBaseUrl.endsWith('/models/'));
    assert.deepEqual(c.quality, DEFAULTS.quality);
    assert.deepEqual(validateConfig({ quality: { minBrightness: 60 } }).quality, {
      ...DEFAULTS.quality,
      minBrightness: 60,
    });
  });
  const bad: [string, unknown, RegExp][] = [
    ['detectorRange', 'medium', /"short", "full"/],
    ['backend', 'webgpu', /"auto", "webgl", "wasm", "cpu"/],
    ['maxFaces', 0, /integer from 1 to 20/],
    ['maxFaces', 2.5, /integer from 1 to 20/],
    ['minFaceScore', 2, /from 0 to 1/],
    ['abstainThreshold', -1, /from 0 to 1/],
    ['flipTTA', 'yes', /true, false, "auto"/],
    ['zoomTTA', 1, /true, false, "auto"/],
    ['maxImageSide', 10, /256 to 4096/],
    ['maxMegapixels', 0, /1 to 1000/],
    ['noFace', 'ignore', /"result", "error"/],
    ['model', 42, /descriptor URL/],
    ['faceDetectorModel', 5, /IOHandler/],
    ['wasmPaths', 3, /folder URL/],
    ['fetch', 'yes', /fetch function/],
    ['quality', 0.5, /an object with any of minFaceToInput/],
    ['quality', { minBrightness: 300 }, /quality\.minBrightness.*from 0 to 255/],
    ['quality', { blur: 1 }, /quality\.blur.*no such threshold/],
    ['detectorrange', 'short', /no such option/],
  ];
  for (const [field, value, valid] of bad)
    it(`refuses ${field}: ${JSON.stringify(value)} and lists the valid values`, () => {
      assert.throws(
        () => validateConfig({ [field]: value } as never),
        (e: unknown) =>
          isMoodError(e, 'invalid-config') &&
          valid.test((e as Error).message) &&
          (e as Error).message.includes(field),
      );
    });
  it('rejects from createEmotionDetector too', () =>
    rejectsWith(() => createEmotionDetector({ maxFaces: 99 }), 'invalid-config'));
});

describe('sniffImage', () => {
  it('reads JPEG size and EXIF orientation', faces, () => {
    const h = sniffImage(fixture('one-face-exif6.jpg'))!;
    assert.deepEqual([h.format, h.width, h.height, h.orientation, h.complete], ['jpeg', 480, 640, 6, true]);
    assert.equal(sniffImage(fixture('one-face.jpg'))!.orientation, 1);
  });
  it('spots truncated and non-images', faces, () => {
    assert.equal(sniffImage(fixture('truncated.jpg'))!.complete, false);
    assert.equal(sniffImage(fixture('not-an-image.jpg')), undefined);
  });
});

describe('metrics', () => {
  it('computes accuracy, macro-F1, NLL, ECE and the confusion matrix', () => {
    const p = (i: number, v = 1) => EMOTION_LABELS.map((_, j) => (j === i ? v : (1 - v) / 5));
    const r = computeMetrics([
      { label: 'happy', probabilities: p(0) },
      { label: 'happy', probabilities: p(1) },
      { label: 'sad', probabilities: p(2, 0.5) },
      { label: 'sad', probabilities: p(2, 0.5), faceFound: false },
    ]);
    assert.equal(r.n, 4);
    assert.equal(r.accuracy, 0.5);
    assert.equal(r.confusion[0]![1], 1);
    assert.equal(r.perClass.happy.recall, 0.5);
    assert.equal(r.perClass.sad.precision, 1);
    assert.equal(r.faceFound, 0.75);
    // F1 happy 2/3, sad 2/3 (recall 0.5, precision 1): labels with examples only.
    assert.ok(Math.abs(r.macroF1 - 2 / 3) < 1e-9);
    assert.ok(r.nll > 0 && Number.isFinite(r.nll));
    assert.ok(r.ece >= 0 && r.ece <= 1);
  });
  it('parses CSV with quotes', () => {
    assert.deepEqual(parseCsv('path,label\n"a,b.jpg",happy\r\nc.jpg,sad\n'), [
      { path: 'a,b.jpg', label: 'happy' },
      { path: 'c.jpg', label: 'sad' },
    ]);
  });
});

describe('EmotionDetector in Node (WASM, real models, real faces)', faces, () => {
  let d: EmotionDetector;
  before(async () => {
    d = await createEmotionDetector(base);
  });
  after(() => d?.dispose());

  it('runs on the WASM backend with the default (baseline or shipped) model', () => {
    assert.equal(d.backend, 'wasm');
    assert.ok(d.model.name.length > 0);
  });

  it('finds the face of one-face.jpg near its known box, with six probabilities summing to 1', async () => {
    const r = await d.estimate(fixture('one-face.jpg'));
    const want = m.images['one-face']!.faces![0]!.box;
    assert.equal(r.faces.length, 1);
    assert.deepEqual(r.image, { width: 640, height: 480 });
    const f = r.faces[0]!;
    assert.ok(iou(f.box, want) > 0.5, `IoU ${iou(f.box, want)}`);
    assert.deepEqual(Object.keys(f.probabilities), [...EMOTION_LABELS]);
    const sum = Object.values(f.probabilities).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-4, `sum ${sum}`);
    assert.equal(f.label, EMOTION_LABELS[Object.values(f.probabilities).indexOf(f.confidence)]);
    assert.equal(f.keypoints.length, 6);
    assert.equal(r.noFace, false);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r, 'plain serialisable data');
    for (const k of ['decode', 'detect', 'classify', 'total'] as const) assert.ok(r.timings[k] >= 0);
  });

  it('reads for one person once calibrated: adjusted answers that say so and keep the model answer', async () => {
    const plain = (await d.estimate(fixture('one-face.jpg'))).faces[0]!;
    assert.equal(plain.personalized, false);
    assert.equal(plain.modelProbabilities, undefined);
    // A person the model reads as too happy: answers that say "neutral" where it said happy.
    const answers = Array.from({ length: 12 }, () => ({
      probabilities: plain.probabilities,
      label: 'neutral' as const,
    }));
    const calibration = fitCalibration(answers);
    d.setCalibration(calibration);
    try {
      const mine = (await d.estimate(fixture('one-face.jpg'))).faces[0]!;
      assert.equal(mine.personalized, true);
      assert.deepEqual(mine.modelProbabilities, plain.probabilities);
      const want = applyCalibration(plain.probabilities, calibration);
      for (const l of EMOTION_LABELS) assert.ok(Math.abs(mine.probabilities[l] - want[l]) < 1e-9);
      assert.ok(mine.probabilities.neutral > plain.probabilities.neutral);
      assert.equal(mine.confidence, Math.max(...Object.values(mine.probabilities)));
      assert.ok((await d.classify(fixture('one-face.jpg'))).personalized);
    } finally {
      d.setCalibration(null);
    }
    assert.equal((await d.estimate(fixture('one-face.jpg'))).faces[0]!.personalized, false);
    assert.throws(
      () => d.setCalibration({ scale: 1 } as never),
      (e: unknown) => isMoodError(e) && e.code === 'invalid-config',
    );
  });

  it('finds both faces of two-faces.jpg, most prominent first', async () => {
    const r = await d.estimate(fixture('two-faces.jpg'));
    const want = m.images['two-faces']!.faces!;
    assert.equal(r.faces.length, 2);
    assert.ok(iou(r.faces[0]!.box, want[0]!.box) > 0.5);
    assert.ok(iou(r.faces[1]!.box, want[1]!.box) > 0.5);
  });

  it('applies EXIF orientation (one-face-exif6.jpg reports the upright size and box)', async () => {
    const r = await d.estimate(fixture('one-face-exif6.jpg'));
    assert.deepEqual(r.image, { width: 640, height: 480 });
    assert.ok(iou(r.faces[0]!.box, m.images['one-face-exif6']!.faces![0]!.box) > 0.5);
  });

  it('finds a face turned 90° in the pixels and levels the eyes', async () => {
    const r = await d.estimate(fixture('one-face-rotated.jpg'));
    assert.deepEqual(r.image, { width: 480, height: 640 });
    assert.equal(r.faces.length, 1);
    assert.ok(iou(r.faces[0]!.box, m.images['one-face-rotated']!.faces![0]!.box) > 0.5);
    assert.ok(Math.abs(Math.abs(r.faces[0]!.roll) - 90) < 10, `roll ${r.faces[0]!.roll}`);
    // The eyes found in the turned photo are the upright photo's eyes turned 90° clockwise: (x, y) → (479 − y, x).
    const upright = await d.estimate(fixture('one-face.jpg'));
    for (const name of ['rightEye', 'leftEye'] as const) {
      const up = upright.faces[0]!.keypoints.find((k) => k.name === name)!;
      const turned = r.faces[0]!.keypoints.find((k) => k.name === name)!;
      const distance = Math.hypot(turned.x - (479 - up.y), turned.y - up.x);
      assert.ok(distance < 10, `${name} ${distance.toFixed(1)} px off`);
    }
  });

  it('downscales a 12 MP photo before detection and reports the box in photo pixels', async () => {
    const bytes = fixture('photo-12mp.jpg');
    let r!: Awaited<ReturnType<EmotionDetector['estimate']>>;
    const profile = await tf.profile(async () => {
      r = await d.estimate(bytes);
    });
    // A 4000×3000 float RGB tensor would be 144 MB; the working image is ≈ 1000 px wide.
    assert.ok(profile.peakBytes < 40e6, `peak tensor memory ${profile.peakBytes} bytes`);
    assert.deepEqual(r.image, { width: 4000, height: 3000 });
    assert.ok(iou(r.faces[0]!.box, m.images['photo-12mp']!.faces![0]!.box) > 0.5);
  });

  it('gives a clear no-face result, or a no-face error when asked', async () => {
    const r = await d.estimate(fixture('no-face.jpg'));
    assert.equal(r.noFace, true);
    assert.deepEqual(r.faces, []);
    const strict = await createEmotionDetector({ ...base, noFace: 'error' });
    try {
      await rejectsWith(() => strict.estimate(fixture('no-face.jpg')), 'no-face');
    } finally {
      strict.dispose();
    }
  });

  it('accepts Blob, ArrayBuffer, ImageData-like pixels and a Tensor3D alike', async () => {
    const bytes = fixture('one-face.jpg');
    const fromBlob = await d.estimate(new Blob([bytes]));
    const fromBuffer = await d.estimate(bytes.slice().buffer);
    const t = tf.tidy(() => tf.tensor3d(Uint8Array.from(Buffer.from(bytes)), [bytes.length, 1, 1], 'int32'));
    t.dispose();
    assert.equal(fromBlob.faces[0]!.label, fromBuffer.faces[0]!.label);
  });

  it('classifies face crops directly (eval crops mode)', async () => {
    const r = await d.classify(fixture('crop-happy.jpg'));
    const sum = Object.values(r.probabilities).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-4);
    assert.ok(EMOTION_LABELS.includes(r.label));
  });

  it('leaks no tensor over 100 calls (faces, no face, bad input)', async () => {
    const img = await d.estimate(fixture('one-face.jpg')); // warm
    assert.ok(img);
    const pixels = tf.tidy(() => tf.tensor3d(new Uint8Array(120 * 160 * 3).fill(90), [120, 160, 3], 'int32'));
    const face = fixture('one-face.jpg');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) {
      if (i % 10 === 0) await d.estimate(pixels);
      else if (i % 10 === 1) await d.estimate(fixture('not-an-image.jpg')).catch(() => undefined);
      else if (i % 10 === 2) await d.classify(fixture('crop-sad.jpg'));
      else await d.estimate(face);
    }
    assert.equal(tf.memory().numTensors, before);
    pixels.dispose();
  });

  describe('bad input gets its typed error', () => {
    const cases: [string, () => unknown, string, RegExp?][] = [
      ['not an image', () => fixture('not-an-image.jpg'), 'bad-image', /not an image/],
      ['a truncated JPEG', () => fixture('truncated.jpg'), 'bad-image', /truncated/],
      ['an empty file', () => new Uint8Array(0), 'bad-image', /empty/],
      ['a zero-sized tensor', () => tf.zeros([0, 10, 3]), 'bad-image', /empty/],
      ['a JPEG over 100 megapixels', () => fakeJpeg(12000, 9000), 'image-too-large', /108\.0 megapixels/],
      ['a wrong kind of input', () => ({ hello: 'world' }), 'bad-image', /Unsupported input/],
      ['null', () => null, 'bad-image'],
      ['a rank-2 tensor', () => tf.zeros([4, 4]), 'bad-image', /Tensor3D/],
    ];
    for (const [what, input, code, msg] of cases)
      it(what, async () => {
        const value = input();
        await rejectsWith(() => d.estimate(value as never), code, msg);
        if (value instanceof tf.Tensor) value.dispose();
      });
    it('reasons are in details.reason', async () => {
      await assert.rejects(
        d.estimate(fixture('truncated.jpg')),
        (e: { details: { reason: string } }) => e.details.reason === 'truncated',
      );
    });
    it('maxMegapixels is honoured on decoded photos', async () => {
      const small = await createEmotionDetector({ ...base, maxMegapixels: 5 });
      try {
        await rejectsWith(() => small.estimate(fixture('photo-12mp.jpg')), 'image-too-large');
      } finally {
        small.dispose();
      }
    });
  });

  it('rejects every call after dispose() with a disposed error', async () => {
    const x = await createEmotionDetector(base);
    x.dispose();
    x.dispose();
    await rejectsWith(() => x.estimate(fixture('one-face.jpg')), 'disposed');
    await rejectsWith(() => x.classify(fixture('crop-happy.jpg')), 'disposed');
    await rejectsWith(() => x.warmup(), 'disposed');
  });

  it('reports loading progress, rising to 1', async () => {
    const seen: number[] = [];
    const x = await createEmotionDetector({ ...base, onProgress: (p) => seen.push(p) });
    x.dispose();
    assert.ok(seen.length >= 3, String(seen));
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      seen,
      'monotonic',
    );
    assert.equal(seen.at(-1), 1);
  });

  it('flags faces by the configured quality thresholds', async () => {
    const strict = await createEmotionDetector({
      ...base,
      quality: { minBrightness: 255, maxNoseOffset: 0 },
    });
    try {
      const lenient = (await d.estimate(fixture('one-face.jpg'))).faces[0]!.uncertainReasons;
      const flagged = (await strict.estimate(fixture('one-face.jpg'))).faces[0]!.uncertainReasons;
      assert.ok(!lenient.includes('dark') && !lenient.includes('turned-away'), lenient.join());
      assert.ok(flagged.includes('dark') && flagged.includes('turned-away'), flagged.join());
    } finally {
      strict.dispose();
    }
  });

  it("reads one view when asked (views: 'one'), and refuses an unknown views value", async () => {
    const photo = fixture('one-face.jpg');
    const plain = await createEmotionDetector({ ...base, flipTTA: false, zoomTTA: false });
    try {
      const one = (await d.estimate(photo, { views: 'one' })).faces[0]!;
      const want = (await plain.estimate(photo)).faces[0]!;
      for (const l of EMOTION_LABELS)
        assert.ok(Math.abs(one.probabilities[l] - want.probabilities[l]) < 1e-6, l);
      await rejectsWith(() => d.estimate(photo, { views: 'some' as never }), 'invalid-config');
    } finally {
      plain.dispose();
    }
  });

  it('flags a washed-out, a blurred and a cut-off face, each for its reason, and not the clean photo', async () => {
    const photo = tf.tidy(() => {
      const { data, width, height } = jpeg.decode(fixture('one-face.jpg'), {
        useTArray: true,
        formatAsRGBA: false,
      });
      return tf.tensor3d(data, [height, width, 3], 'int32');
    });
    const spoiled: tf.Tensor3D[] = [];
    try {
      const clean = (await d.estimate(photo)).faces[0]!;
      for (const r of ['bright', 'blurry', 'cut-off'] as const)
        assert.ok(!clean.uncertainReasons.includes(r), `clean photo: ${clean.uncertainReasons.join()}`);
      const reasonsOf = async (input: tf.Tensor3D) => {
        spoiled.push(input);
        const face = (await d.estimate(input)).faces[0];
        assert.ok(face, 'the face is still found');
        return face.uncertainReasons;
      };
      const { x, width } = clean.box;
      assert.ok((await reasonsOf(degrade('bright', photo, width))).includes('bright'));
      assert.ok((await reasonsOf(degrade('blur', photo, width))).includes('blurry'));
      // The picture starts 40% into the face box: the box now runs past its left edge.
      const from = Math.round(x + 0.4 * width);
      const cut = await reasonsOf(tf.slice(photo, [0, from, 0], [-1, -1, -1]));
      assert.ok(cut.includes('cut-off'), cut.join());
    } finally {
      tf.dispose([photo, ...spoiled]);
    }
  });

  it('loads models through a host IOHandler (fileIOHandler)', async () => {
    const x = await createEmotionDetector({
      ...base,
      faceDetectorModel: fileIOHandler(join(REPO_ROOT, 'models/face-detection/short.json')),
    });
    x.dispose();
  });

  it('runs the full-range detector', async () => {
    const x = await createEmotionDetector({ ...base, detectorRange: 'full' });
    try {
      const r = await x.estimate(fixture('two-faces.jpg'));
      assert.equal(r.faces.length, 2);
    } finally {
      x.dispose();
    }
  });

  it('flip TTA changes the probabilities a little, not the shape', async () => {
    // Explicit on and off: the default comes from the model's descriptor.
    const x = await createEmotionDetector({ ...base, flipTTA: true });
    const y = await createEmotionDetector({ ...base, flipTTA: false });
    try {
      const a = await x.estimate(fixture('one-face.jpg'));
      const b = await y.estimate(fixture('one-face.jpg'));
      assert.notDeepEqual(a.faces[0]!.probabilities, b.faces[0]!.probabilities);
      assert.equal(a.faces[0]!.label, b.faces[0]!.label);
      for (const label of Object.keys(
        a.faces[0]!.probabilities,
      ) as (keyof (typeof a.faces)[0]['probabilities'])[]) {
        assert.ok(Math.abs(a.faces[0]!.probabilities[label] - b.faces[0]!.probabilities[label]) < 0.2, label);
      }
    } finally {
      x.dispose();
      y.dispose();
    }
  });
});

describe('model-agnostic classifier', () => {
  it('runs a layers model with logits outputs, 48×48 input and a temperature, from its descriptor alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emotion-layers-'));
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [48, 48, 1],
          filters: 4,
          kernelSize: 3,
          strides: 2,
          activation: 'relu',
        }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 6 }),
      ],
    });
    await model.save({
      save: async (a) => {
        writeFileSync(
          join(dir, 'model.json'),
          JSON.stringify({
            format: 'layers-model',
            modelTopology: a.modelTopology,
            weightsManifest: [{ paths: ['model.bin'], weights: a.weightSpecs }],
          }),
        );
        writeFileSync(join(dir, 'model.bin'), new Uint8Array(a.weightData as ArrayBuffer));
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      },
    });
    model.dispose();
    const labels = [...EMOTION_LABELS];
    writeFileSync(
      join(dir, 'descriptor.json'),
      JSON.stringify({
        format: 'moodiary-emotion-model',
        formatVersion: 1,
        name: 'tiny-test',
        version: '0',
        model: { url: 'model.json', format: 'layers' },
        labels,
        outputs: { kind: 'logits', labels },
        input: { width: 48, height: 48, channels: 1, gray: [0.299, 0.587, 0.114], range: [-1, 1] },
        crop: { scale: 1.3, offsetY: 0.05, square: true, alignEyes: true },
        temperature: 1.5,
        flipTTA: true,
        zoomTTA: [0.8, 1],
      }),
    );
    const before = tf.memory().numTensors;
    const x = await createEmotionDetector({ ...base, model: `file://${dir}/descriptor.json` });
    const plain = await createEmotionDetector({
      ...base,
      model: `file://${dir}/descriptor.json`,
      zoomTTA: false,
    });
    try {
      assert.equal(x.model.name, 'tiny-test');
      const r = await x.estimate(fixture('one-face.jpg'));
      const sum = Object.values(r.faces[0]!.probabilities).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 1) < 1e-4);
      const c = await x.classify(fixture('crop-sad.jpg'));
      assert.ok(EMOTION_LABELS.includes(c.label));
      // The zoomed view is averaged in: same face and box, other probabilities than the plain crop alone.
      const r1 = await plain.estimate(fixture('one-face.jpg'));
      assert.deepEqual(r1.faces[0]!.box, r.faces[0]!.box);
      assert.notDeepEqual(r1.faces[0]!.probabilities, r.faces[0]!.probabilities);
      const c1 = await plain.classify(fixture('crop-sad.jpg'));
      assert.notDeepEqual(c1.probabilities, c.probabilities);
    } finally {
      x.dispose();
      plain.dispose();
    }
    assert.equal(tf.memory().numTensors, before, 'dispose() frees every tensor');
  });
});

describe('model files that are missing, HTML, malformed or of the wrong shape', () => {
  const html = '<!doctype html><html><body>app</body></html>';
  const htmlFetch: typeof fetch = async (u) =>
    String(u).endsWith('.json') && String(u).includes('face-detection')
      ? new Response(html, { headers: { 'content-type': 'text/html' } })
      : (await import('./node.js')).fileFetch(u);
  it('a server that never answers: model-load after loadTimeout, no hang', () =>
    rejectsWith(
      () =>
        createEmotionDetector({ ...base, loadTimeout: 1000, fetch: () => new Promise<Response>(() => {}) }),
      'model-load',
      /timed out/,
    ));
  it('create and dispose many times leaves no tensor', async () => {
    const first = await createEmotionDetector(base);
    first.dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) (await createEmotionDetector(base)).dispose();
    assert.equal(tf.memory().numTensors, before);
  });
  it('missing: names the URL and the 404', () =>
    rejectsWith(
      () => createEmotionDetector({ ...base, faceDetectorModel: 'face-detection/nope.json' }),
      'model-load',
      /nope\.json.*404/,
    ));
  it('HTML: says the server returned HTML', () =>
    rejectsWith(
      () => createEmotionDetector({ ...base, fetch: htmlFetch }),
      'model-load',
      /face-detection\/short\.json.*server returned HTML/,
    ));
  it('malformed JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emotion-bad-'));
    writeFileSync(join(dir, 'model.json'), '{ "modelTopology": ');
    await rejectsWith(
      () => createEmotionDetector({ ...base, faceDetectorModel: `file://${dir}/model.json` }),
      'model-load',
      /not valid JSON/,
    );
  });
  it('truncated weights', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emotion-bad-'));
    copyFileSync(join(REPO_ROOT, 'models/face-detection/short.json'), join(dir, 'short.json'));
    writeFileSync(
      join(dir, 'short.bin'),
      readFileSync(join(REPO_ROOT, 'models/face-detection/short.bin')).subarray(0, 1000),
    );
    await rejectsWith(
      () => createEmotionDetector({ ...base, faceDetectorModel: `file://${dir}/short.json` }),
      'model-load',
      /truncated/,
    );
  });
  it('wrong shape: the classifier given as the face detector', () =>
    rejectsWith(
      () => createEmotionDetector({ ...base, faceDetectorModel: 'baselines/mini-xception/model.json' }),
      'model-load',
      /mini-xception\/model\.json/,
    ));
  it('wrong shape: a descriptor whose input size does not match the model', async () => {
    const descriptor = JSON.parse(
      readFileSync(join(REPO_ROOT, 'models/baselines/mini-xception/descriptor.json'), 'utf8'),
    );
    descriptor.input.width = descriptor.input.height = 48;
    await rejectsWith(
      () =>
        createEmotionDetector({
          ...base,
          model: { descriptor, baseUrl: `${MODELS_URL}baselines/mini-xception/` },
        }),
      'model-load',
      /input shape/,
    );
  });
  it('malformed descriptor', async () => {
    const descriptor = JSON.parse(
      readFileSync(join(REPO_ROOT, 'models/baselines/mini-xception/descriptor.json'), 'utf8'),
    );
    descriptor.outputs.labelMap.happy = ['joy'];
    await rejectsWith(() => createEmotionDetector({ ...base, model: { descriptor } }), 'model-load', /joy/);
    delete descriptor.outputs.labelMap.happy;
    descriptor.outputs.labelMap.happy = ['happy'];
    descriptor.zoomTTA = [2];
    await rejectsWith(
      () => createEmotionDetector({ ...base, model: { descriptor } }),
      'model-load',
      /zoomTTA/,
    );
  });
});

describe('backends', () => {
  it('a backend that cannot start gives a backend error', async () => {
    const quiet = console.warn;
    console.warn = () => {};
    try {
      await rejectsWith(() => createEmotionDetector({ ...base, backend: 'webgl' }), 'backend', /webgl/);
    } finally {
      console.warn = quiet;
    }
  });
});

describe('server-side import', () => {
  it('importing the main entry has no side effects and needs no DOM', () => {
    const code = `
      const before = new Set(Object.getOwnPropertyNames(globalThis));
      const mod = await import(${JSON.stringify(join(REPO_ROOT, 'packages/emotion/src/index.ts'))});
      const tf = await import('@tensorflow/tfjs');
      const added = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k));
      console.log(JSON.stringify({ added, backend: tf.engine().backendInstance ? tf.engine().backendName : null, api: typeof mod.createEmotionDetector }));`;
    const r = spawnSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', code],
      { encoding: 'utf8', cwd: REPO_ROOT },
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    assert.equal(out.api, 'function');
    assert.equal(out.backend, null, 'no backend initialised');
    // TF.js's own module state (its engine registry) is the only global; ours add none.
    assert.deepEqual(
      out.added.filter((k: string) => !['_tfGlobals', '_tfengine'].includes(k)),
      [],
    );
  });
});

describe('eval CLI', faces, () => {
  it('evaluates a small crops folder and writes the JSON report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emotion-eval-'));
    const rows = ['path,label,extra'];
    for (const l of ['happy', 'sad', 'angry', 'anxious', 'embarrassed']) {
      copyFileSync(join(FIXTURES, `crop-${l}.jpg`), join(dir, `${l}.jpg`));
      rows.push(`${l}.jpg,${l},x`);
    }
    rows.push('happy.jpg,contempt,x');
    writeFileSync(join(dir, 'index.csv'), rows.join('\n') + '\n');
    const out = join(dir, 'out.json');
    const r = spawnSync(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        join(REPO_ROOT, 'packages/emotion/scripts/eval.ts'),
        '--data',
        dir,
        '--json',
        out,
        '--quiet',
      ],
      { encoding: 'utf8', cwd: REPO_ROOT },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /accuracy/);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    for (const k of [
      'n',
      'accuracy',
      'macroF1',
      'nll',
      'ece',
      'perClass',
      'confusion',
      'labels',
      'model',
      'msPerImage',
    ])
      assert.ok(k in j, k);
    assert.equal(j.n, 5);
    assert.equal(j.skipped, 1);
    assert.deepEqual(j.labels, [...EMOTION_LABELS]);
    assert.deepEqual(Object.keys(j.perClass.happy), ['n', 'recall', 'precision', 'f1']);

    const photos = spawnSync(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        join(REPO_ROOT, 'packages/emotion/scripts/eval.ts'),
        '--data',
        dir,
        '--mode',
        'photos',
        '--json',
        out,
        '--quiet',
      ],
      { encoding: 'utf8', cwd: REPO_ROOT },
    );
    assert.equal(photos.status, 0, photos.stderr);
    assert.equal(typeof JSON.parse(readFileSync(out, 'utf8')).faceFound, 'number');
  });
  it('refuses bad arguments with a usage line', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        join(REPO_ROOT, 'packages/emotion/scripts/eval.ts'),
        '--mode',
        'x',
      ],
      {
        encoding: 'utf8',
        cwd: REPO_ROOT,
      },
    );
    assert.equal(r.status, 2);
    assert.match(r.stderr, /usage/);
  });
});
