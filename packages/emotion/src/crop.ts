import * as tf from '@tensorflow/tfjs';
import type { CompiledDescriptor } from './descriptor.js';
import type { Box, Keypoint } from './types.js';

/**
 * Crop geometry: the one place that turns a face (box, eyes) into a `tf.image.transform` row (and
 * cuts the crops with it) and says how far the head is rolled. Coordinates come in input pixels; `sx`, `sy` are input pixels per
 * working-image pixel (the working image is the decoded, possibly downscaled tensor).
 */

/** Most times a crop is rendered above model size before its area-average downscale (anti-aliasing). */
const MAX_SUPERSAMPLE = 4;

/** Roll of the eye line (right eye → left eye) in radians, in working-image pixels; 0 without both eyes. */
export function eyeRoll(keypoints: readonly Keypoint[], sx: number, sy: number): number {
  const re = keypoints.find((k) => k.name === 'rightEye');
  const le = keypoints.find((k) => k.name === 'leftEye');
  return re && le ? Math.atan2((le.y - re.y) / sy, (le.x - re.x) / sx) : 0;
}

/** A rectangle placed in an image and rendered upright at a given size. */
export interface RotatedRect {
  /** The `tf.image.transform` row mapping output pixel indices to image pixel indices. */
  transform: number[];
  /** Continuous output coordinates → continuous image coordinates. */
  toImage(u: number, v: number): { x: number; y: number };
}

/**
 * The rectangle of `sideX` × `sideY` image pixels centred at (`cx`, `cy`) and turned by `angle`
 * (radians), rendered at `outW` × `outH` px.
 */
export function rotatedRect(
  cx: number,
  cy: number,
  sideX: number,
  sideY: number,
  outW: number,
  outH: number,
  angle: number,
): RotatedRect {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const px = sideX / outW;
  const py = sideY / outH;
  // pixel centres: output index i is continuous u = i + 0.5; image index = continuous − 0.5
  const u0 = 0.5 * px - sideX / 2;
  const v0 = 0.5 * py - sideY / 2;
  return {
    transform: [
      cos * px,
      -sin * py,
      cx - 0.5 + cos * u0 - sin * v0,
      sin * px,
      cos * py,
      cy - 0.5 + sin * u0 + cos * v0,
      0,
      0,
    ],
    toImage(u, v) {
      const du = u * px - sideX / 2;
      const dv = v * py - sideY / 2;
      return { x: cx + cos * du - sin * dv, y: cy + sin * du + cos * dv };
    },
  };
}

/** Where a face's crop is cut from the working image. */
export interface CropGeometry {
  /** The `tf.image.transform` row: model-input pixels (× `k`) → working-image pixels. */
  transform: number[];
  /** The crop is rendered at `k` × model size, then area-averaged down (`k` ≥ 1). */
  k: number;
  /** Head roll the crop undoes, radians (0 when the descriptor does not align the eyes). */
  angle: number;
}

/**
 * The projective transform (tf.image.transform) mapping model-input pixels to working-image pixels:
 * a square of `crop.scale` × the face's side around the box centre, shifted by `offsetY`, rotated
 * so the eyes are level. `side` (input pixels) is the face's side in its own rotated frame when it
 * is known better than the box (a face re-detected upright); else the box's longer side.
 */
export function cropGeometry(
  box: Box,
  keypoints: readonly Keypoint[],
  d: CompiledDescriptor,
  sx: number,
  sy: number,
  side?: number,
): CropGeometry {
  // to working-image pixels
  const bw = box.width / sx;
  const bh = box.height / sy;
  let cx = (box.x + box.width / 2) / sx;
  let cy = (box.y + box.height / 2) / sy;
  const { width: W, height: H } = d.input;
  const faceSide = side !== undefined ? side / Math.max(sx, sy) : Math.max(bw, bh);
  const sideX = d.crop.square ? d.crop.scale * faceSide : d.crop.scale * bw;
  const sideY = d.crop.square ? (sideX * H) / W : d.crop.scale * bh;
  const angle = d.crop.alignEyes ? eyeRoll(keypoints, sx, sy) : 0;
  // the vertical offset runs along the face's own up-down axis
  cx += -Math.sin(angle) * d.crop.offsetY * sideY;
  cy += Math.cos(angle) * d.crop.offsetY * sideY;
  const k = Math.max(1, Math.min(MAX_SUPERSAMPLE, Math.floor(Math.min(sideX / W, sideY / H))));
  return { transform: rotatedRect(cx, cy, sideX, sideY, W * k, H * k, angle).transform, k, angle };
}

/**
 * The faces' crops, RGB float [n, height, width, 3]: each cut at `k` × model size by its transform
 * (edges repeated), then area-averaged down to model size. Call inside `tf.tidy`.
 */
export function cutCrops(
  image: tf.Tensor3D,
  geometry: readonly CropGeometry[],
  { width, height }: { width: number; height: number },
): tf.Tensor4D {
  // reshape shares the data; expandDims and a same-dtype cast copy it on the WASM backend
  const img = tf.reshape(image.dtype === 'float32' ? image : tf.cast(image, 'float32'), [
    1,
    ...image.shape,
  ]) as tf.Tensor4D;
  const crops = geometry.map((g) => {
    const out = tf.image.transform(img, tf.tensor2d([g.transform]), 'bilinear', 'nearest', 0, [
      height * g.k,
      width * g.k,
    ]);
    return g.k > 1 ? (tf.avgPool(out, g.k, g.k, 'valid') as tf.Tensor4D) : out;
  });
  return crops.length === 1 ? crops[0]! : tf.concat(crops, 0);
}
