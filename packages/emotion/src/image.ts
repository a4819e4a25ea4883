import * as tf from '@tensorflow/tfjs';
import { badImage, EmotionError } from './errors.js';
import { checkImageHeader, checkSize } from './image-header.js';
import type { DecodedImage, EmotionInput, ImageDecoder } from './types.js';

/** The input as an RGB tensor no larger than `maxSide`, plus its original (oriented) size. */
export interface Pixels {
  /** float32 [h, w, 3], values 0–255. Owned by the caller (dispose it). */
  tensor: tf.Tensor3D;
  /** Input size after EXIF orientation. */
  width: number;
  height: number;
  /** tensor pixels per input pixel (≤ 1). */
  scale: number;
}

export interface ReadOptions {
  maxSide: number;
  maxPixels: number;
  decodeImage: ImageDecoder | undefined;
}

const has = (name: string) => typeof (globalThis as Record<string, unknown>)[name] === 'function';
const isA = <T>(value: unknown, name: string): value is T =>
  has(name) && value instanceof ((globalThis as Record<string, unknown>)[name] as new () => T);

function fit(width: number, height: number, maxSide: number) {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { w: Math.max(1, Math.round(width * scale)), h: Math.max(1, Math.round(height * scale)), scale };
}

/** Box-filter downscale of packed RGB(A) bytes by an integer factor, to RGB. Runs on the CPU, no big tensor. */
function downscaleRgb(
  img: DecodedImage,
  maxSide: number,
): { data: Uint8Array; width: number; height: number } {
  const { width, height, channels, data } = img;
  const k = Math.max(1, Math.ceil(Math.max(width, height) / maxSide));
  if (k === 1 && channels === 3) return { data: data as Uint8Array, width, height };
  const ow = Math.floor(width / k) || 1;
  const oh = Math.floor(height / k) || 1;
  const out = new Uint8Array(ow * oh * 3);
  const rowSums = new Uint32Array(ow * 3);
  const inv = 1 / (k * k);
  for (let oy = 0; oy < oh; oy++) {
    rowSums.fill(0);
    for (let dy = 0; dy < k; dy++) {
      const y = oy * k + dy;
      if (y >= height) break;
      let p = y * width * channels;
      for (let ox = 0; ox < ow; ox++) {
        let r = 0,
          g = 0,
          b = 0;
        for (let dx = 0; dx < k; dx++) {
          r += data[p]!;
          g += data[p + 1]!;
          b += data[p + 2]!;
          p += channels;
        }
        rowSums[ox * 3] += r;
        rowSums[ox * 3 + 1] += g;
        rowSums[ox * 3 + 2] += b;
      }
    }
    const o = oy * ow * 3;
    for (let j = 0; j < ow * 3; j++) out[o + j] = rowSums[j]! * inv;
  }
  return { data: out, width: ow, height: oh };
}

/** Applies an EXIF orientation (1–8) to an [h, w, c] tensor. */
function orient(t: tf.Tensor3D, orientation: number): tf.Tensor3D {
  return tf.tidy(() => {
    switch (orientation) {
      case 2:
        return tf.reverse(t, 1);
      case 3:
        return tf.reverse(t, [0, 1]);
      case 4:
        return tf.reverse(t, 0);
      case 5:
        return tf.transpose(t, [1, 0, 2]);
      case 6:
        return tf.reverse(tf.transpose(t, [1, 0, 2]), 1);
      case 7:
        return tf.reverse(tf.transpose(t, [1, 0, 2]), [0, 1]);
      case 8:
        return tf.reverse(tf.transpose(t, [1, 0, 2]), 0);
      default:
        return t.clone();
    }
  });
}

async function bitmapFrom(source: ImageBitmapSource, options?: ImageBitmapOptions): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(source, options);
  } catch (cause) {
    throw badImage(
      'corrupt',
      `The image could not be decoded (${(cause as Error)?.message ?? cause}).`,
      {},
      cause,
    );
  }
}

let scratch: OffscreenCanvas | undefined;

/** Pixels of a drawable as a float32 tensor. WebGL uploads a texture; other backends read a 2D canvas. */
function drawableTensor(source: Exclude<ImageBitmapSource, Blob>, w: number, h: number): tf.Tensor3D {
  if (tf.getBackend() === 'webgl' || !has('OffscreenCanvas') || isA<ImageData>(source, 'ImageData'))
    return tf.tidy(
      () => tf.cast(tf.browser.fromPixels(source as HTMLCanvasElement), 'float32') as tf.Tensor3D,
    );
  if (!scratch || scratch.width !== w || scratch.height !== h) scratch = new OffscreenCanvas(w, h);
  const ctx = scratch.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(source as CanvasImageSource, 0, 0, w, h);
  const rgba = ctx.getImageData(0, 0, w, h).data;
  const rgb = new Float32Array(w * h * 3);
  for (let i = 0, o = 0; o < rgb.length; i += 4, o += 3) {
    rgb[o] = rgba[i]!;
    rgb[o + 1] = rgba[i + 1]!;
    rgb[o + 2] = rgba[i + 2]!;
  }
  return tf.tensor3d(rgb, [h, w, 3], 'float32');
}

/** Reads a drawable source (not a Blob) at working size; big ones are first resampled by the browser. */
async function fromDrawable(
  source: Exclude<ImageBitmapSource, Blob>,
  width: number,
  height: number,
  opts: ReadOptions,
  what: string,
): Promise<Pixels> {
  checkSize(width, height, opts, what);
  const { w, h, scale } = fit(width, height, opts.maxSide);
  // fromPixels reads an <img> at its layout size: go through a bitmap of its natural size instead.
  const viaBitmap = isA<HTMLImageElement>(source, 'HTMLImageElement') && tf.getBackend() === 'webgl';
  if (scale === 1 && !viaBitmap)
    return { tensor: drawableTensor(source, width, height), width, height, scale: 1 };
  const bitmap = await bitmapFrom(
    source,
    scale < 1 ? { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' } : {},
  );
  try {
    return {
      tensor: drawableTensor(bitmap, bitmap.width, bitmap.height),
      width,
      height,
      scale: bitmap.width / width,
    };
  } finally {
    bitmap.close();
  }
}

async function fromBytes(bytes: Uint8Array, blob: Blob | undefined, opts: ReadOptions): Promise<Pixels> {
  const header = checkImageHeader(bytes, opts, blob?.type ?? '');

  if (opts.decodeImage) {
    let decoded: DecodedImage;
    try {
      decoded = await opts.decodeImage(bytes, opts.maxPixels);
    } catch (cause) {
      if (cause instanceof EmotionError) throw cause;
      throw badImage(
        'corrupt',
        `The image could not be decoded (${(cause as Error)?.message ?? cause}).`,
        { format: header.format },
        cause,
      );
    }
    return fromDecoded(decoded, opts, header.orientation);
  }
  if (!has('createImageBitmap'))
    throw badImage(
      'unsupported-format',
      'This runtime cannot decode encoded images (no createImageBitmap). In Node import from "@moodiary/emotion/node".',
      { format: header.format },
    );
  const source = blob ?? new Blob([bytes as Uint8Array<ArrayBuffer>]);
  // Big photos: let the decoder downscale (much faster than decoding every pixel), when the header
  // gave the size. The result must have the upright aspect ratio, else decode in full and resize.
  if (header.width && header.height && Math.max(header.width, header.height) > opts.maxSide) {
    const turned = header.orientation >= 5;
    const width = turned ? header.height : header.width;
    const height = turned ? header.width : header.height;
    const { w, h } = fit(width, height, opts.maxSide);
    const small = await bitmapFrom(source, {
      imageOrientation: 'from-image',
      resizeWidth: w,
      resizeHeight: h,
      resizeQuality: 'high',
    });
    try {
      if (small.width === w && small.height === h)
        return { tensor: drawableTensor(small, w, h), width, height, scale: w / width };
    } finally {
      small.close();
    }
  }
  const bitmap = await bitmapFrom(source, { imageOrientation: 'from-image' });
  try {
    return await fromDrawable(bitmap, bitmap.width, bitmap.height, opts, 'image');
  } finally {
    bitmap.close();
  }
}

/** Pixels already decoded (Node decoder or an ImageData-like object). */
function fromDecoded(img: DecodedImage, opts: ReadOptions, orientation = 1): Pixels {
  checkSize(img.width, img.height, opts, 'image');
  if (img.data.length < img.width * img.height * img.channels)
    throw badImage('corrupt', `The pixel data is shorter than ${img.width}×${img.height}×${img.channels}.`);
  const small = downscaleRgb(img, opts.maxSide);
  const scale = small.width / img.width;
  const raw = tf.tensor3d(small.data, [small.height, small.width, 3], 'float32');
  const turned = orientation >= 5 && orientation <= 8;
  if (orientation === 1) return { tensor: raw, width: img.width, height: img.height, scale };
  const tensor = orient(raw, orientation);
  raw.dispose();
  return { tensor, width: turned ? img.height : img.width, height: turned ? img.width : img.height, scale };
}

function fromTensor(t: tf.Tensor3D, opts: ReadOptions): Pixels {
  if (!(t instanceof tf.Tensor) || t.rank !== 3)
    throw badImage(
      'unsupported-input',
      `A tensor input must be a Tensor3D [height, width, channels], got rank ${(t as tf.Tensor).rank}.`,
    );
  if (t.isDisposed) throw badImage('unsupported-input', 'The input tensor is disposed.');
  const [height, width, channels] = t.shape;
  checkSize(width, height, opts, 'tensor');
  if (![1, 3, 4].includes(channels))
    throw badImage('unsupported-input', `A tensor input needs 1, 3 or 4 channels, got ${channels}.`);
  const k = Math.max(1, Math.ceil(Math.max(width, height) / opts.maxSide));
  const tensor = tf.tidy(() => {
    let x = tf.cast(t, 'float32') as tf.Tensor3D;
    if (channels === 1) x = tf.tile(x, [1, 1, 3]);
    if (channels === 4) x = tf.slice(x, [0, 0, 0], [height, width, 3]);
    if (k > 1) x = tf.avgPool(x, k, k, 'valid') as tf.Tensor3D;
    return x;
  });
  return { tensor, width, height, scale: tensor.shape[1] / width };
}

/** Turns any supported input into working-size pixels. Throws `bad-image` / `image-too-large`. */
export async function readInput(input: EmotionInput, opts: ReadOptions): Promise<Pixels> {
  if (input == null) throw badImage('unsupported-input', `Expected an image, got ${input}.`);
  if (input instanceof tf.Tensor) return fromTensor(input as tf.Tensor3D, opts);
  if (isA<Blob>(input, 'Blob')) {
    const bytes = new Uint8Array(await input.arrayBuffer());
    return fromBytes(bytes, input, opts);
  }
  if (input instanceof ArrayBuffer) return fromBytes(new Uint8Array(input), undefined, opts);
  if (input instanceof Uint8Array) return fromBytes(input, undefined, opts);
  if (isA<HTMLImageElement>(input, 'HTMLImageElement')) {
    if (!input.complete)
      throw badImage('not-ready', 'The <img> has not finished loading; await img.decode() first.');
    if (input.naturalWidth === 0)
      throw badImage('corrupt', 'The <img> is broken (it failed to load or decode).', {
        src: input.currentSrc,
      });
    return fromDrawable(input, input.naturalWidth, input.naturalHeight, opts, '<img>');
  }
  if (isA<HTMLVideoElement>(input, 'HTMLVideoElement')) {
    if (input.readyState < 2 || input.videoWidth === 0)
      throw badImage('not-ready', 'The <video> has no frame yet; wait for its "loadeddata" event.', {
        readyState: input.readyState,
      });
    return fromDrawable(input, input.videoWidth, input.videoHeight, opts, '<video> frame');
  }
  if (isA<HTMLCanvasElement>(input, 'HTMLCanvasElement'))
    return fromDrawable(input, input.width, input.height, opts, 'canvas');
  if (isA<ImageBitmap>(input, 'ImageBitmap')) {
    if (input.width === 0 && input.height === 0) checkSize(0, 0, opts, 'ImageBitmap (closed or empty)');
    return fromDrawable(input, input.width, input.height, opts, 'ImageBitmap');
  }
  if (isA<OffscreenCanvas>(input, 'OffscreenCanvas'))
    return fromDrawable(input, input.width, input.height, opts, 'OffscreenCanvas');
  if (isA<ImageData>(input, 'ImageData')) {
    checkSize(input.width, input.height, opts, 'ImageData');
    if (Math.max(input.width, input.height) <= opts.maxSide || !has('createImageBitmap'))
      return fromDecoded({ data: input.data, width: input.width, height: input.height, channels: 4 }, opts);
    return fromDrawable(input, input.width, input.height, opts, 'ImageData');
  }
  const like = input as unknown as { data?: unknown; width?: unknown; height?: unknown };
  if (
    typeof like === 'object' &&
    (like.data instanceof Uint8ClampedArray || like.data instanceof Uint8Array) &&
    typeof like.width === 'number' &&
    typeof like.height === 'number'
  ) {
    const channels = like.data.length === like.width * like.height * 3 ? 3 : 4;
    return fromDecoded({ data: like.data, width: like.width, height: like.height, channels }, opts);
  }
  throw badImage(
    'unsupported-input',
    'Unsupported input: pass an <img>, <canvas>, <video>, OffscreenCanvas, ImageBitmap, ImageData, Blob/File, encoded bytes or a Tensor3D.',
    { type: Object.prototype.toString.call(input) },
  );
}
