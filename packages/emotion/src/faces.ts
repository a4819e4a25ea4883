import * as tf from '@tensorflow/tfjs';
import { KEYPOINT_NAMES, type BlazeFace, type Detection } from './blazeface.js';
import { eyeRoll, rotatedRect } from './crop.js';
import type { Box, Keypoint, QualityThresholds, UncertainReason } from './types.js';

/** Longer side of the image the face detector gets (it letterboxes to 128/192 px itself). */
const DETECTION_SIDE = 512;
/** A face whose eye line is rolled more than this (~26°) is detected again on an upright patch. */
const REDETECT_ROLL = Math.PI / 7;
/** A rough roll within this (30°) of a quarter turn is snapped to it: the photo was turned in its pixels. */
const QUARTER_SNAP = Math.PI / 6;
/** The upright patch spans this × the face box's longer side… */
const PATCH_SCALE = 2;
/** … rendered at this many pixels, at least and at most. */
const PATCH_PX = { min: 96, max: 256 };

/** A detected face in input pixels. */
export interface FoundFace {
  box: Box;
  keypoints: Keypoint[];
  score: number;
  /** Side of the face in its own (rotated) frame, input pixels, when known better than the box. */
  side?: number;
}

/** `image` resized (bilinear) so its longer side is `side`. */
function fitTensor(image: tf.Tensor3D, side: number): tf.Tensor3D {
  const [h, w] = image.shape;
  const k = side / Math.max(w, h);
  return tf.image.resizeBilinear(
    image,
    [Math.max(1, Math.round(h * k)), Math.max(1, Math.round(w * k))],
    false,
    true,
  );
}

const byProminence = (a: FoundFace, b: FoundFace) =>
  b.box.width * b.box.height - a.box.width * a.box.height || b.score - a.score;

/**
 * The faces of a working image (`image`, whose input size is `width` × `height`), in input pixels,
 * most prominent first: largest box, then highest score. Faces lying on their side are re-detected
 * upright so their keypoints are as good as an upright face's.
 */
export async function findFaces(
  detector: BlazeFace,
  image: tf.Tensor3D,
  width: number,
  height: number,
  limits: { minFaceScore: number; maxFaces: number },
): Promise<FoundFace[]> {
  const [th, tw] = image.shape;
  const sx = width / tw;
  const sy = height / th;
  // The detector sees 128 or 192 px: give it a small copy (a cheap, less aliased first step) and keep
  // the working image for the crops. Detections are relative, so they map back unchanged.
  const small = Math.max(tw, th) > DETECTION_SIDE ? fitTensor(image, DETECTION_SIDE) : undefined;
  let detections: Detection[];
  try {
    detections = await detector.detect(small ?? image);
  } finally {
    small?.dispose();
  }
  const found = detections
    .filter((d) => d.score >= limits.minFaceScore)
    .map((d): FoundFace => ({
      box: {
        x: d.box.xMin * width,
        y: d.box.yMin * height,
        width: d.box.width * width,
        height: d.box.height * height,
      },
      keypoints: d.keypoints.map((k, i) => ({ name: KEYPOINT_NAMES[i]!, x: k.x * width, y: k.y * height })),
      score: d.score,
    }))
    .sort(byProminence)
    .slice(0, limits.maxFaces);
  for (const [i, f] of found.entries())
    if (Math.abs(eyeRoll(f.keypoints, sx, sy)) > REDETECT_ROLL)
      found[i] = await redetectUpright(detector, image, f, sx, sy, limits.minFaceScore);
  return found.sort(byProminence);
}

/**
 * Re-detects a face whose eye line is far from level on an upright patch cut around it (rotated by
 * the rough roll, snapped to a quarter turn when close), then maps box and keypoints back.
 */
async function redetectUpright(
  detector: BlazeFace,
  image: tf.Tensor3D,
  f: FoundFace,
  sx: number,
  sy: number,
  minFaceScore: number,
): Promise<FoundFace> {
  const rough = eyeRoll(f.keypoints, sx, sy);
  const quarter = (Math.round(rough / (Math.PI / 2)) * Math.PI) / 2;
  const angle = Math.abs(rough - quarter) < QUARTER_SNAP ? quarter : rough;
  const cx = (f.box.x + f.box.width / 2) / sx;
  const cy = (f.box.y + f.box.height / 2) / sy;
  const side = PATCH_SCALE * Math.max(f.box.width / sx, f.box.height / sy);
  const size = Math.min(PATCH_PX.max, Math.max(PATCH_PX.min, Math.round(side)));
  const r = rotatedRect(cx, cy, side, side, size, size, angle);
  const patch = tf.tidy(
    () =>
      tf.squeeze(
        tf.image.transform(
          tf.reshape(image, [1, ...image.shape]) as tf.Tensor4D,
          tf.tensor2d([r.transform]),
          'bilinear',
          'nearest',
          0,
          [size, size],
        ),
        [0],
      ) as tf.Tensor3D,
  );
  let detections: Detection[];
  try {
    detections = await detector.detect(patch);
  } finally {
    patch.dispose();
  }
  const best = detections.filter((d) => d.score >= minFaceScore).sort((a, b) => b.box.width - a.box.width)[0];
  if (!best) return f;
  const b = best.box;
  const corners = [
    [b.xMin, b.yMin],
    [b.xMin + b.width, b.yMin],
    [b.xMin, b.yMin + b.height],
    [b.xMin + b.width, b.yMin + b.height],
  ].map(([u, v]) => r.toImage(u! * size, v! * size));
  const xs = corners.map((c) => c.x * sx);
  const ys = corners.map((c) => c.y * sy);
  const box = {
    x: Math.min(...xs),
    y: Math.min(...ys),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
  };
  const keypoints = best.keypoints.map((k, i) => {
    const p = r.toImage(k.x * size, k.y * size);
    return { name: KEYPOINT_NAMES[i]!, x: p.x * sx, y: p.y * sy };
  });
  const faceSide = Math.max(b.width, b.height) * side * Math.max(sx, sy);
  return { box, keypoints, score: best.score, side: faceSide };
}

/**
 * Why a found face's estimate should not be trusted, from the face alone: `small-face`,
 * `low-face-score`, `cut-off`, `turned-away` (in that order). `modelInputWidth` is the emotion model's
 * input; `picture` the input's size, in the pixels of the face box.
 */
export function faceReasons(
  f: FoundFace,
  sx: number,
  sy: number,
  modelInputWidth: number,
  picture: { width: number; height: number },
  q: QualityThresholds,
): UncertainReason[] {
  const reasons: UncertainReason[] = [];
  if (
    Math.min(f.box.width / sx, f.box.height / sy) < modelInputWidth * q.minFaceToInput ||
    Math.min(f.box.width, f.box.height) < q.minFacePixels
  )
    reasons.push('small-face');
  if (f.score < q.minDetectorScore) reasons.push('low-face-score');
  if (outsideShare(f.box, picture) > q.maxCutOff) reasons.push('cut-off');
  if (turnedAway(f.keypoints, q.maxNoseOffset)) reasons.push('turned-away');
  return reasons;
}

/** The share of a box's area that lies outside the picture (BlazeFace boxes may run past its edges). */
function outsideShare(b: Box, picture: { width: number; height: number }): number {
  const w = Math.max(0, Math.min(b.x + b.width, picture.width) - Math.max(b.x, 0));
  const h = Math.max(0, Math.min(b.y + b.height, picture.height) - Math.max(b.y, 0));
  const area = b.width * b.height;
  return area > 0 ? 1 - (w * h) / area : 1;
}

const LAPLACIAN = [0, 1, 0, 1, -4, 1, 0, 1, 0];

/**
 * Per crop (`[n, h, w, 3]`, 0–255, at the model's input size): mean and standard deviation of the gray
 * levels, and sharpness — the Laplacian's standard deviation over the gray levels', so contrast cancels
 * and what is left is how much fine detail there is. `[n, 3]`.
 */
export function grayStats(rgb: tf.Tensor4D): tf.Tensor2D {
  const gray = tf.sum(tf.mul(rgb, tf.tensor1d([0.299, 0.587, 0.114])), 3, true) as tf.Tensor4D;
  const { mean, variance } = tf.moments(gray, [1, 2, 3]);
  const edges = tf.conv2d(gray, tf.tensor4d(LAPLACIAN, [3, 3, 1, 1]), 1, 'valid');
  const deviation = tf.sqrt(variance);
  const sharpness = tf.div(tf.sqrt(tf.moments(edges, [1, 2, 3]).variance), tf.maximum(deviation, 1));
  return tf.stack([mean, deviation, sharpness], 1) as tf.Tensor2D;
}

/** What a crop's light and focus say (from {@link grayStats}): `dark`, `bright`, `blurry`. */
export function pictureReasons(
  [mean, deviation, sharpness]: readonly number[],
  q: QualityThresholds,
): UncertainReason[] {
  const reasons: UncertainReason[] = [];
  const flat = deviation! < q.minContrast;
  if (mean! < q.minBrightness || (flat && mean! <= 127)) reasons.push('dark');
  if (mean! > q.maxBrightness || (flat && mean! > 127)) reasons.push('bright');
  if (sharpness! < q.minSharpness) reasons.push('blurry');
  return reasons;
}

/**
 * Head turned far to a side: the nose tip lies further than `maxOffset` × the eye distance from the
 * eyes' midpoint, along the eye line.
 */
function turnedAway(keypoints: readonly Keypoint[], maxOffset: number): boolean {
  const get = (n: Keypoint['name']) => keypoints.find((k) => k.name === n);
  const re = get('rightEye');
  const le = get('leftEye');
  const nose = get('noseTip');
  if (!re || !le || !nose) return false;
  const ex = le.x - re.x;
  const ey = le.y - re.y;
  const e2 = ex * ex + ey * ey;
  if (e2 === 0) return true;
  const t = ((nose.x - (re.x + le.x) / 2) * ex + (nose.y - (re.y + le.y) / 2) * ey) / e2;
  return Math.abs(t) > maxOffset;
}
