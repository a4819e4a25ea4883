import { EMOTION_LABELS, isMoodError } from '@moodiary/core';
import { expect } from '@open-wc/testing';
import { fixtureManifest, FIXTURE_URL, loadImage } from '../../../test/helpers/images.js';
import {
  applyCalibration,
  createEmotionDetector,
  createEmotionWorker,
  fitCalibration,
  type EmotionWorkerDetector,
} from './index.js';

const base = {
  modelBaseUrl: '/models/',
  wasmPaths: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/',
  backend: 'wasm' as const,
};
const workerUrl = new URL('./worker.ts', import.meta.url);

describe('createEmotionWorker', function () {
  this.timeout(120_000);
  let w: EmotionWorkerDetector;
  before(async function () {
    if (!(await fixtureManifest()).hasFaces) this.skip();
    const progress: number[] = [];
    w = await createEmotionWorker({ ...base, onProgress: (p) => progress.push(p) }, { workerUrl });
    expect(progress.at(-1), 'progress forwarded from the worker').to.equal(1);
  });
  after(() => w?.dispose());

  it('runs the same pipeline in a worker and agrees with the main thread', async () => {
    expect(w.backend).to.equal('wasm');
    const blob = await (await fetch(`${FIXTURE_URL}one-face.jpg`)).blob();
    const img = await loadImage('one-face.jpg');
    const fromBlob = await w.estimate(blob);
    const fromImg = await w.estimate(img);
    expect(img.complete, 'the caller keeps its image').to.equal(true);
    const local = await createEmotionDetector(base);
    try {
      const here = await local.estimate(blob);
      expect(fromBlob.faces.length).to.equal(1);
      expect(fromBlob.faces[0]!.label).to.equal(here.faces[0]!.label);
      for (const l of EMOTION_LABELS)
        expect(
          Math.abs(fromBlob.faces[0]!.probabilities[l] - here.faces[0]!.probabilities[l]),
        ).to.be.lessThan(1e-3);
      expect(fromImg.faces[0]!.label).to.equal(here.faces[0]!.label);
    } finally {
      local.dispose();
    }
  });

  it('reads one view per call when asked (a live preview), the same as a detector without views', async () => {
    const blob = await (await fetch(`${FIXTURE_URL}one-face.jpg`)).blob();
    const one = (await w.estimate(blob, { views: 'one' })).faces[0]!;
    const all = (await w.estimate(blob)).faces[0]!;
    const plain = await createEmotionDetector({ ...base, flipTTA: false, zoomTTA: false });
    try {
      const want = (await plain.estimate(blob)).faces[0]!;
      let sameAsPlain = 0;
      let fromAll = 0;
      for (const l of EMOTION_LABELS) {
        sameAsPlain = Math.max(sameAsPlain, Math.abs(one.probabilities[l] - want.probabilities[l]));
        fromAll = Math.max(fromAll, Math.abs(one.probabilities[l] - all.probabilities[l]));
      }
      expect(sameAsPlain).to.be.lessThan(1e-3);
      expect(fromAll, 'all views read differently').to.be.greaterThan(1e-4);
    } finally {
      plain.dispose();
    }
  });

  it('accepts ImageBitmap (without taking the caller’s), ImageData and canvas', async () => {
    const img = await loadImage('one-face.jpg');
    const bitmap = await createImageBitmap(img);
    const canvas = Object.assign(document.createElement('canvas'), { width: 640, height: 480 });
    canvas.getContext('2d')!.drawImage(img, 0, 0);
    const data = canvas.getContext('2d')!.getImageData(0, 0, 640, 480);
    for (const input of [bitmap, data, canvas]) expect((await w.estimate(input)).faces.length).to.equal(1);
    expect(bitmap.width, 'bitmap not detached').to.equal(640);
  });

  it('reads for one person once calibrated in the worker, and refuses what is not a calibration', async () => {
    const blob = await (await fetch(`${FIXTURE_URL}one-face.jpg`)).blob();
    const plain = (await w.estimate(blob)).faces[0]!;
    expect(plain.personalized).to.equal(false);
    const calibration = fitCalibration(
      Array.from({ length: 12 }, () => ({ probabilities: plain.probabilities, label: 'neutral' as const })),
    );
    await w.setCalibration(calibration);
    try {
      const mine = (await w.estimate(blob)).faces[0]!;
      expect(mine.personalized).to.equal(true);
      const want = applyCalibration(plain.probabilities, calibration);
      for (const l of EMOTION_LABELS) expect(Math.abs(mine.probabilities[l] - want[l])).to.be.lessThan(1e-6);
    } finally {
      await w.setCalibration(null);
    }
    expect((await w.estimate(blob)).faces[0]!.personalized).to.equal(false);
    try {
      await w.setCalibration({ scale: 1 } as never);
      throw new Error('expected invalid-config');
    } catch (e) {
      expect(isMoodError(e, 'invalid-config'), String(e)).to.equal(true);
    }
  });

  it('passes typed errors back', async () => {
    const bad = await (await fetch(`${FIXTURE_URL}not-an-image.jpg`)).blob();
    try {
      await w.estimate(bad);
      throw new Error('expected bad-image');
    } catch (e) {
      expect(isMoodError(e, 'bad-image'), String(e)).to.equal(true);
    }
  });

  it('refuses non-cloneable config and rejects after dispose', async () => {
    try {
      await createEmotionWorker({ ...base, fetch: globalThis.fetch }, { workerUrl });
      throw new Error('expected invalid-config');
    } catch (e) {
      expect(isMoodError(e, 'invalid-config')).to.equal(true);
    }
    const x = await createEmotionWorker(base, { workerUrl });
    x.dispose();
    try {
      await x.estimate(new Blob([]));
      throw new Error('expected disposed');
    } catch (e) {
      expect(isMoodError(e, 'disposed')).to.equal(true);
    }
  });

  it('reports a worker that cannot load', async () => {
    try {
      await createEmotionWorker(base, { workerUrl: '/packages/emotion/src/no-such-worker.js' });
      throw new Error('expected worker error');
    } catch (e) {
      expect(isMoodError(e, 'worker'), String(e)).to.equal(true);
    }
  });
});
