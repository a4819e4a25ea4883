// Deliberately spoiled face crops, for measuring whether the SDK abstains on a bad picture (issue #15):
// the eval CLI's `--degrade KIND` runs every image through one of these before classifying it.
import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import type { PixelData } from '../src/types.js';

export const DEGRADATIONS = ['dark', 'bright', 'blur', 'small', 'shift'] as const;
export type Degradation = (typeof DEGRADATIONS)[number];

/** One 1-D Gaussian, normalised, of standard deviation `sigma` pixels. */
function gaussian(sigma: number): number[] {
  const r = Math.ceil(3 * sigma);
  const k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const sum = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / sum);
}

/**
 * `dark`: a dim room (×0.15, then a little sensor noise); `bright`: washed out (three quarters of the way
 * to white); `blur`: out of focus (Gaussian, σ = 2.5% of the face); `small`: a far-away face (shrunk
 * until the face is 16 px, and back up); `shift`: the face off-centre and cut by the frame's edge (moved
 * by 35% of the face). `face` is the face's side in pixels; by default the image is the face (a crop).
 */
export function degrade(
  kind: Degradation,
  img: tf.Tensor3D,
  face = Math.max(...img.shape.slice(0, 2)),
): tf.Tensor3D {
  return tf.tidy(() => {
    const [h, w] = img.shape;
    const x = tf.cast(img, 'float32') as tf.Tensor3D;
    let out: tf.Tensor3D;
    switch (kind) {
      case 'dark':
        out = tf.add(tf.mul(x, 0.15), tf.randomNormal(x.shape, 0, 2, 'float32', 7)) as tf.Tensor3D;
        break;
      case 'bright':
        out = tf.add(tf.mul(x, 0.25), 0.75 * 255) as tf.Tensor3D;
        break;
      case 'blur': {
        const k = gaussian(0.025 * face);
        const channels = x.shape[2];
        const row = tf.tile(tf.tensor4d(k, [1, k.length, 1, 1]), [1, 1, channels, 1]) as tf.Tensor4D;
        const col = tf.tile(tf.tensor4d(k, [k.length, 1, 1, 1]), [1, 1, channels, 1]) as tf.Tensor4D;
        const batch = tf.expandDims(x, 0) as tf.Tensor4D;
        out = tf.squeeze(
          tf.depthwiseConv2d(tf.depthwiseConv2d(batch, row, 1, 'same'), col, 1, 'same'),
          [0],
        ) as tf.Tensor3D;
        break;
      }
      case 'small': {
        const k = 16 / face;
        const tiny = [Math.max(1, Math.round(h * k)), Math.max(1, Math.round(w * k))] as [number, number];
        out = tf.image.resizeBilinear(tf.image.resizeBilinear(x, tiny, false, true), [h, w], false, true);
        break;
      }
      case 'shift': {
        const d = 0.35 * face;
        // Projective transform rows map output (x, y) to input (x + d, y + d): the face moves up-left.
        const batch = tf.expandDims(x, 0) as tf.Tensor4D;
        out = tf.squeeze(
          tf.image.transform(batch, tf.tensor2d([[1, 0, d, 0, 1, d, 0, 0]]), 'bilinear', 'nearest'),
          [0],
        ) as tf.Tensor3D;
        break;
      }
    }
    return tf.cast(tf.clipByValue(out, 0, 255), 'int32') as tf.Tensor3D;
  });
}

/** A JPEG file's pixels, spoiled by `kind`, as the SDK's `PixelData` (packed RGB). */
export function degradedPixels(kind: Degradation, bytes: Uint8Array): PixelData {
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
  const channels = img.data.length / (img.width * img.height);
  const spoiled = tf.tidy(() => {
    const t = tf.tensor3d(img.data, [img.height, img.width, channels], 'int32');
    const rgb = channels === 1 ? tf.tile(t, [1, 1, 3]) : t;
    return degrade(kind, rgb as tf.Tensor3D);
  });
  const data = Uint8Array.from(spoiled.dataSync());
  spoiled.dispose();
  return { data, width: img.width, height: img.height };
}
