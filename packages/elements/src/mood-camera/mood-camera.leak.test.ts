import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../define/mood-camera.js';
import type { MoodCamera } from './mood-camera.js';
import { fixtureManifest } from '../../../../test/helpers/images.js';

/** The real default detector (shared by every camera on the page), on WASM. */
const detectorConfig = {
  modelBaseUrl: '/models/',
  wasmPaths: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/',
  backend: 'wasm',
  maxFaces: 2,
};

/** A full garbage collection (through DevTools), after a task so WeakRefs held for this job are let go. */
async function collectGarbage() {
  await new Promise((resolve) => setTimeout(resolve, 20));
  await executeServerCommand('collect-garbage');
}

/** Mounts a camera that preloads the shared detector, reads `photo` with it, and removes it. */
async function mountReadAndRemove(photo: Blob): Promise<WeakRef<MoodCamera>> {
  const el = document.createElement('mood-camera') as MoodCamera;
  el.detectorConfig = detectorConfig;
  el.preload = 'eager';
  el.hideSongs = true;
  const ready = new Promise<void>((resolve) =>
    el.addEventListener('mood-model-progress', (e) => (e as CustomEvent).detail.ready && resolve()),
  );
  document.body.append(el);
  await ready;
  await el.analyzeFile(photo); // a picture read and not saved
  el.remove();
  return new WeakRef(el);
}

describe('<mood-camera> memory', function () {
  this.timeout(180_000);

  it('frees every camera that used the shared detector, with its picture, once it leaves the page', async function () {
    if (!(await fixtureManifest()).hasFaces) this.skip();
    const photo = await (await fetch('/.cache/fixtures/one-face.jpg')).blob();
    const cameras: WeakRef<MoodCamera>[] = [];
    for (let i = 0; i < 12; i++) cameras.push(await mountReadAndRemove(photo));
    await collectGarbage();
    const kept = cameras.filter((ref) => ref.deref() !== undefined).length;
    expect(
      cameras.map((ref) => ref.deref() !== undefined),
      'cameras still in memory after removal',
    ).to.deep.equal(cameras.map(() => false));
    expect(kept).to.equal(0);
  });
});
