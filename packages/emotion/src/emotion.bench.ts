// Browser benchmark of @moodiary/emotion in headless Chromium: run by `npm run bench` (MOODIARY_BENCH=1),
// or `TEST_FILES=packages/emotion/src/emotion.bench.ts npx wtr --config web-test-runner.config.mjs`.
// WebGL here is SwiftShader (software): its figures are not GPU figures.
import { FIXTURE_URL, loadImage } from '../../../test/helpers/images.js';
import { createEmotionDetector, type EmotionDetector } from './index.js';
import { stat, timeIt } from '../scripts/timing.js';

const base = { modelBaseUrl: '/models/', wasmPaths: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/' };
describe('@moodiary/emotion benchmark (Chromium)', function () {
  this.timeout(600_000);
  it('prints medians', async () => {
    const ours = (await fetch('/models/emotion/descriptor.json')).ok;
    const models: [string, string][] = [
      ...(ours ? ([['ours', '/models/emotion/descriptor.json']] as [string, string][]) : []),
      ['baseline', '/models/baselines/mini-xception/descriptor.json'],
    ];
    const photo = await (await fetch(`${FIXTURE_URL}photo-12mp.jpg`)).blob();
    const crop = await (await fetch(`${FIXTURE_URL}crop-happy.jpg`)).blob();
    const img = await loadImage('one-face.jpg');
    const frame = Object.assign(document.createElement('canvas'), { width: 640, height: 480 });
    frame.getContext('2d')!.drawImage(img, 0, 0);
    const lines: string[] = [
      `${navigator.userAgent}, ${navigator.hardwareConcurrency} threads, crossOriginIsolated ${self.crossOriginIsolated}`,
    ];
    for (const backend of ['wasm', 'webgl'] as const)
      for (const [name, model] of models) {
        const t0 = performance.now();
        const d: EmotionDetector = await createEmotionDetector({ ...base, backend, model });
        await d.warmup();
        const cold = performance.now() - t0;
        const n = backend === 'webgl' ? 5 : 15;
        for (let i = 0; i < 3; i++) await d.estimate(frame);
        const detect: number[] = [];
        const classify: number[] = [];
        for (let i = 0; i < n; i++) {
          const r = await d.estimate(frame);
          detect.push(r.timings.detect);
          classify.push(r.timings.classify);
        }
        const row = {
          'detector alone 640×480': stat(detect),
          'classifier alone (1 face incl. crop)': stat(classify),
          'classify 112×112 crop Blob': await timeIt(n, () => d.classify(crop)),
          '640×480 frame end to end': await timeIt(n, () => d.estimate(frame)),
          "… with views: 'one' (live preview)": await timeIt(n, () => d.estimate(frame, { views: 'one' })),
          '12 MP JPEG Blob end to end': await timeIt(Math.min(n, 7), () => d.estimate(photo)),
          '… of which decoding + downscaling': stat([
            (await d.estimate(photo)).timings.decode,
            (await d.estimate(photo)).timings.decode,
            (await d.estimate(photo)).timings.decode,
          ]),
          'cold start (load + warm-up)': cold.toFixed(1),
        };
        lines.push(
          `${backend === 'webgl' ? 'webgl (SwiftShader, software)' : 'wasm (SIMD)'} · ${name} ${d.model.name}: ` +
            Object.entries(row)
              .map(([k, v]) => `${k} ${v} ms`)
              .join(' · '),
        );
        d.dispose();
      }
    lines.push(
      'cold start of the first detector includes backend start-up; later ones reuse it. Targets: 12 MP ≤ 150 ms, frame ≤ 30 ms, cold ≤ 1 s.',
    );
    console.log(lines.join('\n'));
  });
});
