/**
 * @moodiary/emotion/node — the same API for Node.js scripts: WASM backend, models read from disk,
 * JPEG decoding (with EXIF orientation) in pure JavaScript. Never import this in a browser bundle.
 * @packageDocumentation
 */
import type * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEmotionDetector as createBase, type EmotionDetector } from './detector.js';
import { badImage, EmotionError } from './errors.js';
import { loadArtifacts, memoryHandler } from './loader.js';
import { sniffImage } from './sniff.js';
import type { DecodedImage, EmotionDetectorConfig } from './types.js';

export * from './index.js';

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.html': 'text/html',
  '.wasm': 'application/wasm',
};

/** `fetch` that also reads `file:` URLs from disk (404 when missing); other URLs go to the global fetch. */
export const fileFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!url.startsWith('file:')) return globalThis.fetch(input, init);
  const path = fileURLToPath(url);
  try {
    const bytes = await readFile(path);
    return new Response(bytes, {
      status: 200,
      headers: { 'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' },
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return new Response(null, {
      status: code === 'ENOENT' ? 404 : 500,
      statusText: code === 'ENOENT' ? 'Not Found' : String(code),
    });
  }
};

/** A `tf.io.IOHandler` reading a TF.js model.json (and its weight files) from disk, with the SDK's checks. */
export function fileIOHandler(modelJsonPath: string): tf.io.IOHandler {
  const url = pathToFileURL(resolve(modelJsonPath)).href;
  return { load: async () => (await memoryHandler(await loadArtifacts(url, fileFetch)).load!())! };
}

/** Decodes a JPEG with jpeg-js; the EXIF orientation is read by the SDK from the header and applied after. */
export function decodeImageNode(bytes: Uint8Array, maxPixels: number): DecodedImage {
  const header = sniffImage(bytes);
  if (header?.format !== 'jpeg')
    throw badImage(
      'unsupported-format',
      `Node decodes JPEG only; this is ${header ? header.format.toUpperCase() : 'not an image'}.`,
      {
        format: header?.format,
      },
    );
  try {
    const img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: Math.ceil(maxPixels / 1e6),
      maxMemoryUsageInMB: 2048,
    });
    return { data: img.data, width: img.width, height: img.height, channels: 3 };
  } catch (cause) {
    if (/maxResolutionInMP/.test(String(cause)))
      throw new EmotionError('image-too-large', `The image is larger than ${maxPixels / 1e6} megapixels.`, {
        cause,
      });
    throw badImage(
      'corrupt',
      `The JPEG could not be decoded (${(cause as Error)?.message ?? cause}).`,
      { format: 'jpeg' },
      cause,
    );
  }
}

const here = dirname(fileURLToPath(import.meta.url));

/** Where the model files are: the package's `models/` once built, else the monorepo's `models/`. */
export function defaultNodeModelDir(): string {
  const candidates = [join(here, '../models'), join(here, '../../../models')];
  return candidates.find((c) => existsSync(join(c, 'face-detection'))) ?? candidates[0]!;
}

/** The folder holding tfjs-backend-wasm's `.wasm` files. */
export function defaultNodeWasmDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + '/';
}

/**
 * `createEmotionDetector` for Node: WASM backend (falls back to CPU), models from disk
 * (`modelBaseUrl` may be a folder path), JPEG Blob/Buffer inputs decoded with EXIF orientation.
 */
export function createEmotionDetector(config: EmotionDetectorConfig = {}): Promise<EmotionDetector> {
  const base = config.modelBaseUrl;
  const asUrl = (p: string | URL) =>
    p instanceof URL || /^[a-z][a-z0-9+.-]*:/i.test(p)
      ? String(p)
      : pathToFileURL(resolve(p)).href + (String(p).endsWith('/') ? '' : '/');
  const model = config.model;
  return createBase({
    backend: 'wasm',
    wasmPaths: defaultNodeWasmDir(),
    fetch: fileFetch,
    decodeImage: decodeImageNode,
    ...config,
    modelBaseUrl: base === undefined ? pathToFileURL(defaultNodeModelDir()).href + '/' : asUrl(base),
    ...(typeof model === 'string' && model !== 'auto' && !/^[a-z][a-z0-9+.-]*:/i.test(model)
      ? { model: pathToFileURL(resolve(model)).href }
      : {}),
  });
}

export type { EmotionDetector };
