/**
 * Node helpers shared by the emotion-model test and the evaluation script:
 * a file-system IOHandler for TF.js, JPEG -> gray decoding, bilinear resizing
 * that matches the Python pipeline (half-pixel centres, no antialiasing, i.e.
 * torch `interpolate(mode='bilinear', align_corners=False)`), descriptor-driven
 * prediction (temperature, flip-TTA, label maps) and metrics.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import jpeg from 'jpeg-js';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const dataRoot = path.resolve(repoRoot, '../shared/data');
export const LABELS = ['happy', 'angry', 'sad', 'anxious', 'neutral', 'embarrassed'] as const;

export interface Descriptor {
  name: string;
  version: string;
  model: { url: string; format: 'layers' | 'graph' };
  labels: string[];
  outputs: { kind: 'logits' | 'probabilities'; labels: string[]; labelMap?: Record<string, string[]> };
  input: {
    width: number;
    height: number;
    channels: number;
    gray: [number, number, number];
    range: [number, number];
  };
  crop: { scale: number; offsetY: number; square: boolean; alignEyes: boolean };
  temperature: number;
  flipTTA: boolean;
  /** Crop scales averaged at test time (default [1]); below 1 samples the centre, as a tighter crop. */
  zoomTTA?: number[];
  metrics?: Record<string, unknown>;
}

export async function initWasm(): Promise<void> {
  const require = createRequire(import.meta.url);
  const wasmMain = require.resolve('@tensorflow/tfjs-backend-wasm');
  let dist = path.dirname(wasmMain);
  while (!existsSync(path.join(dist, 'tfjs-backend-wasm.wasm')) && dist !== path.dirname(dist))
    dist = path.dirname(dist);
  if (!existsSync(path.join(dist, 'tfjs-backend-wasm.wasm'))) dist = path.join(dist, 'dist');
  setWasmPaths(dist + path.sep);
  await tf.setBackend('wasm');
  await tf.ready();
}

/** Minimal `tf.io.IOHandler` reading model.json and its weight files from disk. */
export function fileHandler(modelJson: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(modelJson, 'utf8'));
      const dir = path.dirname(modelJson);
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of json.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) buffers.push(readFileSync(path.join(dir, p)));
      }
      const all = Buffer.concat(buffers);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
      return {
        modelTopology: json.modelTopology,
        weightSpecs,
        weightData,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
      };
    },
  };
}

export interface LoadedModel {
  descriptor: Descriptor;
  model: tf.LayersModel | tf.GraphModel;
}

export async function loadModel(dir: string): Promise<LoadedModel> {
  const descriptor = JSON.parse(readFileSync(path.join(dir, 'descriptor.json'), 'utf8')) as Descriptor;
  const handler = fileHandler(path.join(dir, descriptor.model.url));
  const model =
    descriptor.model.format === 'layers'
      ? await tf.loadLayersModel(handler)
      : await tf.loadGraphModel(handler);
  return { descriptor, model };
}

/** Decode a JPEG to gray float 0..255 using the descriptor's gray weights. */
export function decodeGray(
  file: string,
  w: [number, number, number] = [0.299, 0.587, 0.114],
): { data: Float32Array; width: number; height: number } {
  const img = jpeg.decode(readFileSync(file), { useTArray: true, formatAsRGBA: true });
  const n = img.width * img.height;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = img.data[4 * i] * w[0] + img.data[4 * i + 1] * w[1] + img.data[4 * i + 2] * w[2];
  }
  return { data: out, width: img.width, height: img.height };
}

/** Bilinear resize with half-pixel centres, no antialiasing (== torch align_corners=False). */
export function resizeBilinear(
  src: Float32Array,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
): Float32Array {
  if (sw === dw && sh === dh) return Float32Array.from(src);
  const out = new Float32Array(dw * dh);
  const sx = sw / dw,
    sy = sh / dh;
  for (let y = 0; y < dh; y++) {
    const fy = Math.max((y + 0.5) * sy - 0.5, 0);
    const y0 = Math.floor(fy),
      y1 = Math.min(y0 + 1, sh - 1),
      ly = fy - y0;
    for (let x = 0; x < dw; x++) {
      const fx = Math.max((x + 0.5) * sx - 0.5, 0);
      const x0 = Math.floor(fx),
        x1 = Math.min(x0 + 1, sw - 1),
        lx = fx - x0;
      const top = src[y0 * sw + x0] * (1 - lx) + src[y0 * sw + x1] * lx;
      const bot = src[y1 * sw + x0] * (1 - lx) + src[y1 * sw + x1] * lx;
      out[y * dw + x] = top * (1 - ly) + bot * ly;
    }
  }
  return out;
}

/** Gray 0..255 crop (already framed) -> model input values in the descriptor's range. */
export function toInput(gray: Float32Array, w: number, h: number, d: Descriptor): Float32Array {
  const r = resizeBilinear(gray, w, h, d.input.width, d.input.height);
  const [lo, hi] = d.input.range;
  for (let i = 0; i < r.length; i++) r[i] = (r[i] / 255) * (hi - lo) + lo;
  return r;
}

/**
 * A test-time zoom of a batch [N, H, W, C] about the centre: output pixel i samples input
 * z·i + (size−1)/2·(1−z), the border repeated — the SDK's view, and PyTorch's affine_grid +
 * grid_sample (align_corners=False) used in training.
 */
export function zoomView(x: tf.Tensor4D, z: number): tf.Tensor4D {
  if (z === 1) return x;
  const [n, H, W] = x.shape;
  const row = [z, 0, ((W - 1) / 2) * (1 - z), 0, z, ((H - 1) / 2) * (1 - z), 0, 0];
  return tf.image.transform(x, tf.tensor2d(Array.from({ length: n }, () => row)), 'bilinear', 'nearest');
}

/** Run a batch [N, H, W, 1] and return per-image probabilities over `descriptor.labels`. */
export function predict(m: LoadedModel, batch: Float32Array, n: number): number[][] {
  const d = m.descriptor;
  const probs = tf.tidy(() => {
    const x = tf.tensor4d(batch, [n, d.input.height, d.input.width, 1]);
    const run = (t: tf.Tensor4D) => m.model.predict(t) as tf.Tensor2D;
    const views = (d.zoomTTA ?? [1]).map((z) => zoomView(x, z));
    const scores = views.flatMap((v) => (d.flipTTA ? [run(v), run(tf.reverse(v, 2))] : [run(v)]));
    const out = tf.div(tf.addN(scores), scores.length) as tf.Tensor2D;
    let p = d.outputs.kind === 'logits' ? tf.softmax(out.div(d.temperature)) : out;
    if (d.outputs.labelMap) {
      const cols = d.labels.map((l) => {
        const idx = (d.outputs.labelMap![l] ?? []).map((o) => d.outputs.labels.indexOf(o));
        return tf.gather(p, idx, 1).sum(1);
      });
      p = tf.stack(cols, 1) as tf.Tensor2D;
    }
    return p;
  });
  const arr = probs.arraySync() as number[][];
  probs.dispose();
  return arr;
}

export interface Row {
  path: string;
  label: string;
}

/** Rows of one split from `<dataRoot>/<dataset>/index.csv`, sorted by path. */
export function readIndex(dataset: string, split: string): Row[] {
  const lines = readFileSync(path.join(dataRoot, dataset, 'index.csv'), 'utf8')
    .trim()
    .split(/\r?\n/);
  const head = lines[0].split(',');
  const ip = head.indexOf('path'),
    il = head.indexOf('label'),
    is = head.indexOf('split');
  return lines
    .slice(1)
    .map((l) => l.split(','))
    .filter((c) => c[is] === split)
    .map((c) => ({ path: c[ip], label: c[il] }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Predict every row (images are the stored crops, resized to the model input). */
export function predictRows(m: LoadedModel, dataset: string, rows: Row[], batchSize = 64): number[][] {
  const d = m.descriptor;
  const size = d.input.width * d.input.height;
  const out: number[][] = [];
  for (let i = 0; i < rows.length; i += batchSize) {
    const chunk = rows.slice(i, i + batchSize);
    const batch = new Float32Array(chunk.length * size);
    chunk.forEach((r, j) => {
      const g = decodeGray(path.join(dataRoot, dataset, r.path), d.input.gray);
      batch.set(toInput(g.data, g.width, g.height, d), j * size);
    });
    out.push(...predict(m, batch, chunk.length));
  }
  return out;
}

export function accuracy(probs: number[][], rows: Row[], labels: readonly string[] = LABELS): number {
  let ok = 0;
  probs.forEach((p, i) => {
    const arg = p.indexOf(Math.max(...p));
    if (labels[arg] === rows[i].label) ok++;
  });
  return ok / rows.length;
}
