import { EMOTION_LABELS, isMoodError } from '@moodiary/core';
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs';
import {
  fixtureManifest,
  FIXTURE_URL,
  loadImage,
  type FixtureManifest,
} from '../../../test/helpers/images.js';
import { expectNoTensorLeak } from '../../../test/helpers/tensors.js';
import {
  BackendChangeEvent,
  createEmotionDetector,
  type Box,
  type EmotionDetector,
  type EmotionEstimate,
} from './index.js';

const base = { modelBaseUrl: '/models/', wasmPaths: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/' };

function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  return inter / (a.width * a.height + b.width * b.height - inter);
}

async function blob(name: string): Promise<Blob> {
  const r = await fetch(`${FIXTURE_URL}${name}`);
  if (!r.ok) throw new Error(`fixture ${name} missing: run node test/fixtures/build.mjs`);
  return r.blob();
}

async function expectCode(work: () => Promise<unknown>, code: string, message?: RegExp) {
  try {
    await work();
  } catch (e) {
    expect(
      isMoodError(e, code),
      `expected ${code}, got ${(e as { code?: string }).code}: ${(e as Error).message}`,
    ).to.equal(true);
    if (message) expect((e as Error).message).to.match(message);
    return e;
  }
  throw new Error(`expected a ${code} error`);
}

function expectFace(r: EmotionEstimate, box: Box) {
  expect(r.faces.length).to.be.greaterThan(0);
  const f = r.faces[0]!;
  expect(iou(f.box, box), `IoU of ${JSON.stringify(f.box)}`).to.be.greaterThan(0.5);
  const sum = Object.values(f.probabilities).reduce((a, b) => a + b, 0);
  expect(Math.abs(sum - 1)).to.be.lessThan(1e-4);
  expect(EMOTION_LABELS).to.include(f.label);
}

describe('@moodiary/emotion in Chromium (WASM backend)', function () {
  this.timeout(120_000);
  let m: FixtureManifest;
  let d: EmotionDetector;
  let oneBox: Box;

  before(async function () {
    m = await fixtureManifest();
    if (!m.hasFaces) this.skip();
    oneBox = m.images['one-face']!.faces![0]!.box;
    d = await createEmotionDetector({ ...base, backend: 'wasm' });
    await d.warmup();
  });
  after(() => d?.dispose());

  it('runs on WASM and finds the face in a Blob', async () => {
    expect(d.backend).to.equal('wasm');
    const r = await d.estimate(await blob('one-face.jpg'));
    expect(r.image).to.deep.equal({ width: 640, height: 480 });
    expectFace(r, oneBox);
    expect(JSON.parse(JSON.stringify(r))).to.deep.equal(r);
  });

  it('accepts <img>, <canvas>, OffscreenCanvas, ImageBitmap, ImageData and a Tensor3D', async () => {
    const img = await loadImage('one-face.jpg');
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    canvas.getContext('2d')!.drawImage(img, 0, 0);
    const offscreen = new OffscreenCanvas(canvas.width, canvas.height);
    offscreen.getContext('2d')!.drawImage(img, 0, 0);
    const bitmap = await createImageBitmap(img);
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const tensor = tf.browser.fromPixels(canvas);
    const file = new File([await blob('one-face.jpg')], 'me.jpg', { type: 'image/jpeg' });
    for (const [what, input] of Object.entries({ img, canvas, offscreen, bitmap, data, tensor, file })) {
      const r = await d.estimate(input);
      expect(r.image, what).to.deep.equal({ width: 640, height: 480 });
      expectFace(r, oneBox);
    }
    tensor.dispose();
    bitmap.close();
  });

  it('finds both faces of two-faces.jpg, most prominent first', async () => {
    const r = await d.estimate(await blob('two-faces.jpg'));
    const want = m.images['two-faces']!.faces!;
    expect(r.faces.length).to.equal(2);
    expect(iou(r.faces[0]!.box, want[0]!.box)).to.be.greaterThan(0.5);
    expect(iou(r.faces[1]!.box, want[1]!.box)).to.be.greaterThan(0.5);
  });

  it('applies EXIF orientation to Blobs and <img>', async () => {
    const want = m.images['one-face-exif6']!.faces![0]!.box;
    const fromBlob = await d.estimate(await blob('one-face-exif6.jpg'));
    expect(fromBlob.image).to.deep.equal({ width: 640, height: 480 });
    expectFace(fromBlob, want);
    const fromImg = await d.estimate(await loadImage('one-face-exif6.jpg'));
    expectFace(fromImg, want);
  });

  it('finds a face turned 90° and levels its eyes', async () => {
    const r = await d.estimate(await blob('one-face-rotated.jpg'));
    expect(r.image).to.deep.equal({ width: 480, height: 640 });
    expect(iou(r.faces[0]!.box, m.images['one-face-rotated']!.faces![0]!.box)).to.be.greaterThan(0.5);
    expect(Math.abs(Math.abs(r.faces[0]!.roll) - 90)).to.be.lessThan(10);
  });

  it('downscales a 12 MP photo before detection', async () => {
    const photo = await blob('photo-12mp.jpg');
    let r!: EmotionEstimate;
    const profile = await tf.profile(async () => {
      r = await d.estimate(photo);
    });
    expect(profile.peakBytes, 'no 12 MP tensor (144 MB as float RGB)').to.be.lessThan(40e6);
    expect(r.image).to.deep.equal({ width: 4000, height: 3000 });
    expectFace(r, m.images['photo-12mp']!.faces![0]!.box);
  });

  it('returns noFace for a picture without a face', async () => {
    const r = await d.estimate(await blob('no-face.jpg'));
    expect(r.noFace).to.equal(true);
    expect(r.faces).to.deep.equal([]);
  });

  it('leaks no tensor over 100 calls', async () => {
    const canvas = document.createElement('canvas');
    const img = await loadImage('one-face.jpg');
    canvas.width = 320;
    canvas.height = 240;
    canvas.getContext('2d')!.drawImage(img, 0, 0, 320, 240);
    await expectNoTensorLeak(async () => {
      for (let i = 0; i < 100; i++) await d.estimate(canvas);
    }, '100 estimate() calls');
  });

  describe('bad input', () => {
    it('not an image → bad-image', async () => {
      const e = await expectCode(
        async () => d.estimate(await blob('not-an-image.jpg')),
        'bad-image',
        /not an image/,
      );
      expect((e as { details: { reason: string } }).details.reason).to.equal('not-an-image');
    });
    it('truncated JPEG → bad-image', () =>
      expectCode(async () => d.estimate(await blob('truncated.jpg')), 'bad-image', /truncated/));
    it('zero-sized canvas → bad-image', () =>
      expectCode(
        () => d.estimate(Object.assign(document.createElement('canvas'), { width: 0, height: 0 })),
        'bad-image',
        /empty/,
      ));
    it('broken <img> → bad-image', async () => {
      const img = new Image();
      img.src = `${FIXTURE_URL}not-an-image.jpg`;
      await img.decode().catch(() => undefined);
      await expectCode(() => d.estimate(img), 'bad-image', /broken/);
    });
    it('a <video> without a frame → bad-image not-ready', () =>
      expectCode(() => d.estimate(document.createElement('video')), 'bad-image', /no frame/));
    it('> 100 megapixels → image-too-large', () =>
      expectCode(
        () => d.estimate(Object.assign(document.createElement('canvas'), { width: 12000, height: 9000 })),
        'image-too-large',
        /108\.0 megapixels/,
      ));
  });

  describe('model files', () => {
    it('an HTML answer gives model-load naming the URL and "server returned HTML"', () =>
      expectCode(
        () => createEmotionDetector({ ...base, faceDetectorModel: '/packages/emotion/no-such-folder/' }),
        'model-load',
        /no-such-folder.*(server returned HTML|404)/,
      ));
    it('an HTML page served with text/html is named as such', () =>
      expectCode(
        () =>
          createEmotionDetector({
            ...base,
            faceDetectorModel: 'data:text/html,<!doctype html><title>app</title>',
          }),
        'model-load',
        /server returned HTML/,
      ));
    it('a missing descriptor gives model-load with the 404', () =>
      expectCode(
        () => createEmotionDetector({ ...base, model: '/models/nowhere/descriptor.json' }),
        'model-load',
        /nowhere\/descriptor\.json.*404/,
      ));
  });
});

describe('@moodiary/emotion: WebGL (SwiftShader) and WASM agree', function () {
  this.timeout(300_000);
  it('same top label, probabilities within 0.02', async function () {
    const m = await fixtureManifest();
    if (!m.hasFaces) this.skip();
    const inputs = ['one-face.jpg', 'two-faces.jpg'];
    const run = async (backend: 'webgl' | 'wasm') => {
      const x = await createEmotionDetector({ ...base, backend });
      try {
        expect(x.backend).to.equal(backend);
        const out = [];
        for (const name of inputs) out.push(await x.estimate(await blob(name)));
        const crop = await x.classify(await blob('crop-sad.jpg'));
        out.push({ faces: [crop] } as unknown as EmotionEstimate);
        return out;
      } finally {
        x.dispose();
      }
    };
    const gl = await run('webgl');
    const wasm = await run('wasm');
    gl.forEach((r, i) => {
      expect(r.faces.length).to.equal(wasm[i]!.faces.length);
      r.faces.forEach((f, j) => {
        const w = wasm[i]!.faces[j]!;
        expect(f.label).to.equal(w.label);
        for (const l of EMOTION_LABELS)
          expect(Math.abs(f.probabilities[l] - w.probabilities[l]), l).to.be.lessThan(0.02);
      });
    });
  });

  it('a lost WebGL context switches to WASM and fires backendchange', async function () {
    const m = await fixtureManifest();
    if (!m.hasFaces) this.skip();
    const x = await createEmotionDetector({ ...base, backend: 'webgl' });
    try {
      await x.estimate(await blob('one-face.jpg'));
      const changed = new Promise<BackendChangeEvent>((resolve) =>
        x.addEventListener('backendchange', resolve, { once: true }),
      );
      const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
      const inflight = x.estimate(await blob('one-face.jpg'));
      gl.getExtension('WEBGL_lose_context')!.loseContext();
      expect((await inflight).faces.length, 'a call in flight during the loss still resolves').to.equal(1);
      const event = await changed;
      expect([event.from, event.to, event.reason]).to.deep.equal(['webgl', 'wasm', 'webgl-context-lost']);
      expect(x.backend).to.equal('wasm');
      const r = await x.estimate(await blob('one-face.jpg'));
      expect(r.backend).to.equal('wasm');
      expect(r.faces.length).to.equal(1);
    } finally {
      x.dispose();
    }
  });
});
