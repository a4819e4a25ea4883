/**
 * Run the shipped model and the mini-Xception baseline through TF.js (WASM) on the
 * full fer2013/publictest, aihub-kr/dev and lfw-expr/dev, and benchmark single-image forward time.
 * Output: /tmp/moodiary-cache/node-eval.json (read by evaluate.py).
 *
 *   node --import tsx models/training/eval_node.ts [--bench-only]
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as E from '../test/emotion-eval.js';

const cache = process.env.MOODIARY_CACHE ?? '/tmp/moodiary-cache';
const benchOnly = process.argv.includes('--bench-only');

/** Median ms of one predict() on a batch of `n` crops (1 = one pass; the flip pair; every test-time view). */
function bench(m: E.LoadedModel, runs = 300, n = 1): number {
  const d = m.descriptor;
  const x = tf.randomUniform([n, d.input.height, d.input.width, 1], -1, 1);
  const once = () => {
    const y = m.model.predict(x) as tf.Tensor;
    y.dataSync();
    y.dispose();
  };
  for (let i = 0; i < 30; i++) once();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    once();
    t.push(performance.now() - s);
  }
  x.dispose();
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

await E.initWasm();
const ours = await E.loadModel(process.env.MOODIARY_EXPORT_DIR ?? path.join(E.repoRoot, 'models/emotion'));
const base = await E.loadModel(path.join(E.repoRoot, 'models/baselines/mini-xception'));
// the batch the SDK runs per face: every zoom, each mirrored too with flip-TTA
const views = (ours.descriptor.flipTTA ? 2 : 1) * (ours.descriptor.zoomTTA ?? [1]).length;
const latency = {
  backend: tf.getBackend(),
  oursMedianMs: bench(ours),
  oursFlipPairMedianMs: bench(ours, 300, 2),
  oursViews: views,
  oursAllViewsMedianMs: bench(ours, 300, views),
  baselineMedianMs: bench(base),
  note: 'median of 300 single-image predict()+dataSync() calls after 30 warm-ups, Node WASM (SIMD, no threads), 2 shared CPU cores',
};
console.log(latency);
const out: Record<string, unknown> = { latency, sets: {} };
if (!benchOnly) {
  for (const [dataset, split] of [
    ['fer2013', 'publictest'],
    ['aihub-kr', 'dev'],
    ['lfw-expr', 'dev'],
  ]) {
    const rows = E.readIndex(dataset, split);
    const t = Date.now();
    const po = E.predictRows(ours, dataset, rows);
    const pb = E.predictRows(base, dataset, rows);
    console.log(
      `${dataset}/${split}: ${rows.length} rows, ours ${E.accuracy(po, rows).toFixed(4)}, baseline ${E.accuracy(pb, rows).toFixed(4)} (${Date.now() - t} ms)`,
    );
    (out.sets as Record<string, unknown>)[`${dataset}/${split}`] = {
      paths: rows.map((r) => r.path),
      ours: po,
      baseline: pb,
    };
  }
}
mkdirSync(cache, { recursive: true });
writeFileSync(path.join(cache, benchOnly ? 'node-bench.json' : 'node-eval.json'), JSON.stringify(out));
