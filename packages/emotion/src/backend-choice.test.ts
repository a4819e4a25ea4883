import { expect } from '@open-wc/testing';
import { browserBackendOrder, webglRenderer } from './backend.js';
import { createEmotionDetector } from './index.js';

// Its own page, so no backend has started yet. This headless Chromium has no GPU: its WebGL is
// SwiftShader, a software renderer several times slower than WASM (`npm run bench -- emotion`) —
// the slow WebGL that `auto` must not pick. (The other way, WASM missing: backend.test.ts.)
describe('auto backend choice', function () {
  this.timeout(120_000);

  it('reads the renderer of this Chromium as software WebGL, to be tried after WASM', () => {
    const renderer = webglRenderer();
    expect(renderer).to.match(/SwiftShader/);
    expect(browserBackendOrder(renderer)).to.deep.equal(['wasm', 'webgl', 'cpu']);
  });

  it('on software WebGL, auto starts on WASM', async () => {
    const d = await createEmotionDetector({
      modelBaseUrl: '/models/',
      wasmPaths: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/',
    });
    try {
      expect(d.backend).to.equal('wasm');
    } finally {
      d.dispose();
    }
  });
});
