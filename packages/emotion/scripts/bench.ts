// Node benchmark of @moodiary/emotion (WASM backend): medians over repeated runs, with the machine,
// for the default model and the baseline in the same run. Also weights and bundle sizes (gzip).
//   node --conditions=source --import tsx packages/emotion/scripts/bench.ts [--runs N] [--json OUT.json]
import * as tf from '@tensorflow/tfjs';
import { build } from 'esbuild';
import jpeg from 'jpeg-js';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createEmotionDetector, type EmotionDetector } from '../src/node.js';
import { stat, timeIt } from './timing.js';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, '../../..');
const MODELS = join(REPO, 'models');
const FIX = join(REPO, '.cache/fixtures');
const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, json: { type: 'string' }, cold: { type: 'string' } },
});

// Child mode: one cold start (load + warm-up) in a fresh process.
if (args.cold !== undefined) {
  const t0 = performance.now();
  const d = await createEmotionDetector({ model: args.cold });
  const loaded = performance.now();
  await d.warmup();
  console.log(JSON.stringify({ load: loaded - t0, total: performance.now() - t0 }));
  d.dispose();
  process.exit(0);
}

if (!existsSync(join(FIX, 'manifest.json')))
  spawnSync(process.execPath, [join(REPO, 'test/fixtures/build.mjs')], { stdio: 'inherit' });
const runs = Number(args.runs);
const decode = (file: string) => {
  const img = jpeg.decode(readFileSync(join(FIX, file)), {
    useTArray: true,
    formatAsRGBA: false,
    maxResolutionInMP: 200,
    maxMemoryUsageInMB: 4000,
  });
  return { data: img.data, width: img.width, height: img.height };
};
const frame = decode('one-face.jpg');
const frameTensor = tf.tensor3d(frame.data, [frame.height, frame.width, 3], 'int32');
const photoBytes = readFileSync(join(FIX, 'photo-12mp.jpg'));
const photoPixels = decode('photo-12mp.jpg');
const crop = readFileSync(join(FIX, 'crop-happy.jpg'));

const models: [string, string][] = [];
if (existsSync(join(MODELS, 'emotion/descriptor.json')))
  models.push(['ours (models/emotion)', join(MODELS, 'emotion/descriptor.json')]);
models.push(['baseline (mini-Xception)', join(MODELS, 'baselines/mini-xception/descriptor.json')]);

const report: Record<string, Record<string, number | string>> = {};
for (const [name, descriptor] of models) {
  const d: EmotionDetector = await createEmotionDetector({ model: descriptor });
  await d.warmup();
  for (let i = 0; i < 3; i++) await d.estimate(frameTensor);
  const detect: number[] = [];
  const classify: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await d.estimate(frameTensor);
    detect.push(r.timings.detect);
    classify.push(r.timings.classify);
  }
  const colds = [0, 1, 2].map(() => {
    const r = spawnSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', fileURLToPath(import.meta.url), '--cold', descriptor],
      { encoding: 'utf8' },
    );
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as { load: number; total: number };
  });
  report[name] = {
    model: `${d.model.name} ${d.model.version}`,
    flipTTA: String(d.config.flipTTA === 'auto' ? d.descriptor.flipTTA : d.config.flipTTA),
    'detector alone, 640×480 (ms)': stat(detect),
    'classifier alone, 1 face incl. crop (ms)': stat(classify),
    'classifier alone, 112×112 crop JPEG (ms)': await timeIt(runs, () => d.classify(crop)),
    '640×480 frame end to end, pixels (ms)': await timeIt(runs, () => d.estimate(frameTensor)),
    '640×480 frame end to end, RGB bytes (ms)': await timeIt(runs, () => d.estimate(frame)),
    '12 MP photo end to end, decoded pixels (ms)': await timeIt(Math.min(runs, 7), () =>
      d.estimate(photoPixels),
    ),
    '12 MP JPEG end to end incl. jpeg-js decode (ms)': await timeIt(3, () => d.estimate(photoBytes)),
    'cold start: load + warm-up, fresh process (ms)': stat(colds.map((c) => c.total)),
  };
  d.dispose();
}

const size = (p: string) => statSync(p).size;
const gz = (p: string) => gzipSync(readFileSync(p), { level: 9 }).length;
const weights = (files: string[]) => ({
  raw: files.reduce((a, f) => a + size(f), 0),
  gzip: files.reduce((a, f) => a + gz(f), 0),
});
const wShort = weights([join(MODELS, 'face-detection/short.json'), join(MODELS, 'face-detection/short.bin')]);
const wBase = weights([
  join(MODELS, 'baselines/mini-xception/model.json'),
  join(MODELS, 'baselines/mini-xception/model.bin'),
]);
const oursFiles = ['model.json', 'model.bin'].map((f) => join(MODELS, 'emotion', f)).filter(existsSync);
const wOurs = oursFiles.length === 2 ? weights(oursFiles) : undefined;

async function bundleSize(external: string[]) {
  const out = await build({
    entryPoints: [join(here, '../src/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    conditions: ['source'],
    external: [...external, 'fs', 'path', 'worker_threads', 'perf_hooks', 'os', 'crypto', 'util'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return out.outputFiles.reduce((a, f) => a + gzipSync(f.contents, { level: 9 }).length, 0);
}
const withoutTf = await bundleSize(['@tensorflow/*']);
const withTf = await bundleSize([]);

const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
console.log(
  `Machine: ${cpus()[0]?.model} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (other jobs share the cores)`,
);
console.log(
  `Backend: wasm (SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}, threads off in Node), tfjs ${tf.version.tfjs}; medians of ${runs} runs (shared, noisy machine)`,
);
const names = Object.keys(report);
const rows = Object.keys(report[names[0]!]!);
console.log(`\n${''.padEnd(50)}${names.map((n) => n.padStart(28)).join('')}`);
for (const r of rows)
  console.log(
    r.padEnd(50) +
      names
        .map((n) => {
          const v = report[n]![r]!;
          return (typeof v === 'number' ? v.toFixed(1) : v).padStart(28);
        })
        .join(''),
  );
console.log(
  `\nWeights: face detector short ${kb(wShort.raw)} (gzip ${kb(wShort.gzip)}), baseline classifier ${kb(wBase.raw)} (gzip ${kb(wBase.gzip)})` +
    (wOurs ? `, ours ${kb(wOurs.raw)} (gzip ${kb(wOurs.gzip)})` : ', ours: not shipped yet'),
);
console.log(`Detector + classifier weights: ${kb(wShort.raw + (wOurs ?? wBase).raw)} (target ≤ 600 KB)`);
console.log(
  `Bundle of src/index.ts (esbuild, minified, gzip -9): ${kb(withoutTf)} without TF.js, ${kb(withTf)} with it`,
);
console.log('Targets (browser, this machine): 12 MP warm ≤ 150 ms, webcam frame ≤ 30 ms, cold start ≤ 1 s.');
if (args.json)
  writeFileSync(
    args.json,
    JSON.stringify(
      {
        machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
        report,
        weights: { short: wShort, baseline: wBase, ours: wOurs },
        bundle: { withoutTf, withTf },
      },
      null,
      2,
    ),
  );
