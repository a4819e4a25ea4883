import { isMoodError } from '@moodiary/core';
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs';
import { createEmotionDetector } from './index.js';

// Its own page: the WASM backend has not started here yet, so wrong .wasm paths can be tried.
describe('backend start-up', function () {
  this.timeout(120_000);

  it('WASM files that are missing give a backend error naming wasmPaths', async () => {
    const quiet = console.warn;
    console.warn = () => {};
    try {
      await createEmotionDetector({ modelBaseUrl: '/models/', backend: 'wasm', wasmPaths: '/nowhere/' });
      throw new Error('expected a backend error');
    } catch (e) {
      expect(isMoodError(e, 'backend'), String(e)).to.equal(true);
      expect((e as Error).message).to.match(/wasm.*wasmPaths/);
    } finally {
      console.warn = quiet;
    }
  });

  it('auto with the WASM files missing still starts, on the (software) WebGL', async () => {
    const quiet = console.warn;
    console.warn = () => {};
    try {
      const d = await createEmotionDetector({ modelBaseUrl: '/models/', wasmPaths: '/nowhere/' });
      expect(d.backend).to.equal('webgl');
      d.dispose();
    } finally {
      console.warn = quiet;
    }
  });

  it('auto keeps the backend the host already runs', async () => {
    await tf.setBackend('cpu');
    const d = await createEmotionDetector({ modelBaseUrl: '/models/' });
    try {
      expect(d.backend).to.equal('cpu');
      expect(tf.getBackend()).to.equal('cpu');
    } finally {
      d.dispose();
    }
  });

  it('modelCache stores the model files for offline use', async () => {
    await caches.delete('emotion-test');
    const d = await createEmotionDetector({ modelBaseUrl: '/models/', modelCache: 'emotion-test' });
    d.dispose();
    const keys = (await (await caches.open('emotion-test')).keys()).map((r) => new URL(r.url).pathname);
    expect(keys).to.include('/models/face-detection/short.json');
    expect(keys).to.include('/models/face-detection/short.bin');
    await caches.delete('emotion-test');
  });
});
