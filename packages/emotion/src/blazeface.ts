import * as tf from '@tensorflow/tfjs';
import { modelLoad } from './errors.js';
import { memoryHandler } from './loader.js';
import type { FaceKeypointName } from './types.js';

/**
 * MediaPipe's BlazeFace face detector (the `models/face-detection/*.json` graphs), run and decoded
 * here. `@tensorflow-models/face-detection`'s public `estimateFaces` drops the detection score, which
 * `minFaceScore`, `low-face-score` and every result's `score` need; decoding the graph's output
 * ourselves keeps the score, the letterbox and the anchors in plain sight, and saves the library.
 * The numbers are MediaPipe's (`face_detection_{short,full}_range` calculators).
 */

/** Keypoint order of the model output. */
export const KEYPOINT_NAMES: readonly FaceKeypointName[] = [
  'rightEye',
  'leftEye',
  'noseTip',
  'mouthCenter',
  'rightEarTragion',
  'leftEarTragion',
];

interface RangeModel {
  /** Square input side, px. */
  input: number;
  /** SSD anchor grids: [stride, anchors per cell]; anchors have a fixed size 1, only centres differ. */
  grids: [number, number][];
  /** Detections below this score are not decoded (MediaPipe's `min_score_thresh`). */
  minScore: number;
}

const RANGES: Record<'short' | 'full', RangeModel> = {
  // strides 8, 16, 16, 16 with an interpolated anchor each: 16² × 2 + 8² × 6 = 896
  short: {
    input: 128,
    grids: [
      [8, 2],
      [16, 6],
    ],
    minScore: 0.5,
  },
  // one layer of stride 4, no interpolated anchor: 48² = 2304
  full: { input: 192, grids: [[4, 1]], minScore: 0.6 },
};
/** Boxes overlapping a higher-scored one by more than this IoU are dropped. */
const NMS_IOU = 0.3;
/** Raw scores are clipped to ±this before the sigmoid. */
const SCORE_CLIP = 100;
/** Per anchor: score, box (x, y, w, h), then x, y of each keypoint. */
const VALUES = 1 + 4 + 2 * KEYPOINT_NAMES.length;

/** A face in coordinates relative to the image (0–1), as the detector saw it. */
export interface Detection {
  score: number;
  box: { xMin: number; yMin: number; width: number; height: number };
  keypoints: { x: number; y: number }[];
}

function anchorCenters(m: RangeModel): Float32Array {
  const out: number[] = [];
  for (const [stride, perCell] of m.grids) {
    const cells = Math.ceil(m.input / stride);
    for (let y = 0; y < cells; y++)
      for (let x = 0; x < cells; x++)
        for (let a = 0; a < perCell; a++) out.push((x + 0.5) / cells, (y + 0.5) / cells);
  }
  return Float32Array.from(out);
}

function iou(a: Detection['box'], b: Detection['box']): number {
  const w = Math.min(a.xMin + a.width, b.xMin + b.width) - Math.max(a.xMin, b.xMin);
  const h = Math.min(a.yMin + a.height, b.yMin + b.height) - Math.max(a.yMin, b.yMin);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** The face detector graph with its decoder. */
export class BlazeFace {
  private constructor(
    private readonly model: tf.GraphModel,
    private readonly range: RangeModel,
    private readonly maxFaces: number,
    /** x, y of each anchor's centre (0–1), in output order. */
    private readonly anchors: Float32Array,
  ) {}

  /** Builds the graph from artifacts already fetched and checks its input and output shapes. */
  static async create(
    artifacts: tf.io.ModelArtifacts,
    url: string,
    range: 'short' | 'full',
    maxFaces: number,
  ): Promise<BlazeFace> {
    const m = RANGES[range];
    let model: tf.GraphModel;
    try {
      model = await tf.loadGraphModel(memoryHandler(artifacts));
    } catch (cause) {
      throw modelLoad(
        url,
        `not a valid face detector graph model (${(cause as Error)?.message ?? cause})`,
        {},
        cause,
      );
    }
    const centers = anchorCenters(m);
    const anchors = centers.length / 2;
    const shape = model.inputs[0]?.shape;
    const out = model.outputs[0]?.shape;
    if (shape && (shape[1] !== m.input || shape[2] !== m.input || shape[3] !== 3)) {
      model.dispose();
      throw modelLoad(
        url,
        `face detector input shape is ${JSON.stringify(shape)}, expected [1,${m.input},${m.input},3] for detectorRange "${range}"`,
        { shape },
      );
    }
    if (out && (out[1] !== anchors || out[2] !== VALUES)) {
      model.dispose();
      throw modelLoad(
        url,
        `face detector output shape is ${JSON.stringify(out)}, expected [1,${anchors},${VALUES}]`,
        { shape: out },
      );
    }
    return new BlazeFace(model, m, maxFaces, centers);
  }

  /**
   * Faces in `image` (RGB 0–255), most confident first, at most `maxFaces`. The image is letterboxed
   * into the square model input (centred, zero padding) and the detections mapped back.
   */
  async detect(image: tf.Tensor3D): Promise<Detection[]> {
    const [h, w] = image.shape;
    const n = this.range.input;
    const side = Math.max(w, h);
    const raw = tf.tidy(() => {
      const input = tf.image.transform(
        tf.expandDims(tf.cast(image, 'float32')) as tf.Tensor4D,
        tf.tensor2d([[side / n, 0, (w - side) / 2, 0, side / n, (h - side) / 2, 0, 0]]),
        'bilinear',
        'constant',
        0,
        [n, n],
      );
      // pixels 0–255 → −1…1
      const out = this.model.execute(tf.sub(tf.mul(input, 2 / 255), 1), 'Identity:0') as tf.Tensor;
      return tf.reshape(out, [-1]);
    });
    let values: Float32Array;
    try {
      values = (await raw.data()) as Float32Array;
    } finally {
      raw.dispose();
    }
    const found: Detection[] = [];
    const count = this.anchors.length / 2;
    for (let i = 0; i < count; i++) {
      const at = i * VALUES;
      const logit = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, values[at]!));
      const score = 1 / (1 + Math.exp(-logit));
      if (score < this.range.minScore) continue;
      const ax = this.anchors[2 * i]!;
      const ay = this.anchors[2 * i + 1]!;
      const bw = values[at + 3]! / n;
      const bh = values[at + 4]! / n;
      if (bw < 0 || bh < 0) continue;
      const cx = values[at + 1]! / n + ax;
      const cy = values[at + 2]! / n + ay;
      found.push({
        score,
        box: { xMin: cx - bw / 2, yMin: cy - bh / 2, width: bw, height: bh },
        keypoints: KEYPOINT_NAMES.map((_, k) => ({
          x: values[at + 5 + 2 * k]! / n + ax,
          y: values[at + 6 + 2 * k]! / n + ay,
        })),
      });
    }
    // non-maximum suppression, in the model's square frame
    found.sort((a, b) => b.score - a.score);
    const kept: Detection[] = [];
    for (const d of found) {
      if (kept.length === this.maxFaces) break;
      if (kept.every((k) => iou(k.box, d.box) <= NMS_IOU)) kept.push(d);
    }
    // letterbox square (0–1) → image (0–1)
    const kx = side / w;
    const ky = side / h;
    const x = (u: number) => u * kx + (1 - kx) / 2;
    const y = (v: number) => v * ky + (1 - ky) / 2;
    return kept.map(({ score, box, keypoints }) => ({
      score,
      box: { xMin: x(box.xMin), yMin: y(box.yMin), width: box.width * kx, height: box.height * ky },
      keypoints: keypoints.map((k) => ({ x: x(k.x), y: y(k.y) })),
    }));
  }

  dispose(): void {
    this.model.dispose();
  }
}
