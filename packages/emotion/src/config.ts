import { EmotionError } from './errors.js';
import type { BackendPreference, EmotionDetectorConfig, QualityThresholds } from './types.js';
import { DEFAULT_MAX_MEGAPIXELS } from './image-header.js';

/** The config with every default filled in. */
export interface ResolvedConfig {
  modelBaseUrl: string;
  model: NonNullable<EmotionDetectorConfig['model']>;
  faceDetectorModel: EmotionDetectorConfig['faceDetectorModel'];
  detectorRange: 'short' | 'full';
  backend: BackendPreference;
  wasmPaths: string | Record<string, string>;
  maxFaces: number;
  minFaceScore: number;
  abstainThreshold: number;
  quality: QualityThresholds;
  flipTTA: boolean | 'auto';
  zoomTTA: boolean | 'auto';
  maxImageSide: number;
  maxMegapixels: number;
  noFace: 'result' | 'error';
  fetch: typeof fetch | undefined;
  modelCache: string | undefined;
  onProgress: ((progress: number) => void) | undefined;
  loadTimeout: number;
  decodeImage: EmotionDetectorConfig['decodeImage'];
}

/** Default folder of the `.wasm` files: beside this module (the build copies them next to the bundle). */
function defaultWasmPaths(): string {
  return new URL('./', import.meta.url).href;
}

/** Default folder of the shipped model files, resolved relative to this module (the built package's `models/`). */
export function defaultModelBaseUrl(): string {
  return new URL('../models/', import.meta.url).href;
}

export const DEFAULTS = {
  detectorRange: 'short',
  backend: 'auto',
  maxFaces: 5,
  minFaceScore: 0.6,
  abstainThreshold: 0.4,
  quality: {
    minFaceToInput: 0.75,
    minFacePixels: 24,
    minDetectorScore: 0.75,
    minBrightness: 40,
    maxBrightness: 200,
    minContrast: 18,
    minSharpness: 0.09,
    maxCutOff: 0.15,
    maxNoseOffset: 0.45,
  },
  flipTTA: 'auto',
  zoomTTA: 'auto',
  maxImageSide: 1280,
  maxMegapixels: DEFAULT_MAX_MEGAPIXELS,
  noFace: 'result',
  loadTimeout: 60_000,
} as const;

const KEYS = [
  'modelBaseUrl',
  'model',
  'faceDetectorModel',
  'detectorRange',
  'backend',
  'wasmPaths',
  'maxFaces',
  'minFaceScore',
  'abstainThreshold',
  'quality',
  'flipTTA',
  'zoomTTA',
  'maxImageSide',
  'maxMegapixels',
  'noFace',
  'fetch',
  'modelCache',
  'onProgress',
  'loadTimeout',
  'decodeImage',
] as const;

function invalid(field: string, valid: string, got: unknown): never {
  let shown: string;
  try {
    shown = typeof got === 'function' ? 'a function' : (JSON.stringify(got) ?? String(got));
  } catch {
    shown = String(got);
  }
  throw new EmotionError('invalid-config', `Invalid config "${field}": expected ${valid}, got ${shown}.`, {
    details: { field, valid },
  });
}

function oneOf<T extends string | boolean>(
  field: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T))
    invalid(field, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
  return value as T;
}

function range(
  field: string,
  value: unknown,
  min: number,
  max: number,
  fallback: number,
  integer = false,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  )
    invalid(field, `${integer ? 'an integer' : 'a number'} from ${min} to ${max}`, value);
  return value;
}

/** Valid range of each `quality` field. */
const QUALITY_RANGES: Record<keyof QualityThresholds, [number, number]> = {
  minFaceToInput: [0, 4],
  minFacePixels: [0, 1000],
  minDetectorScore: [0, 1],
  minBrightness: [0, 255],
  maxBrightness: [0, 255],
  minContrast: [0, 255],
  minSharpness: [0, 4],
  maxCutOff: [0, 1],
  maxNoseOffset: [0, 2],
};

function quality(value: unknown): QualityThresholds {
  if (value === undefined) return { ...DEFAULTS.quality };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid('quality', `an object with any of ${Object.keys(QUALITY_RANGES).join(', ')}`, value);
  const given = value as Record<string, unknown>;
  for (const key of Object.keys(given))
    if (!(key in QUALITY_RANGES))
      invalid(
        `quality.${key}`,
        `no such threshold; thresholds are ${Object.keys(QUALITY_RANGES).join(', ')}`,
        given[key],
      );
  const out = {} as QualityThresholds;
  for (const [key, [min, max]] of Object.entries(QUALITY_RANGES) as [
    keyof QualityThresholds,
    [number, number],
  ][])
    out[key] = range(`quality.${key}`, given[key], min, max, DEFAULTS.quality[key]);
  return out;
}

const isUrlLike = (v: unknown): v is string | URL =>
  (typeof v === 'string' && v.length > 0) || v instanceof URL;
const isHandler = (v: unknown) =>
  typeof v === 'object' && v !== null && typeof (v as { load?: unknown }).load === 'function';

/**
 * Checks a config and fills in the defaults. Throws `invalid-config` naming the field and listing the
 * valid values; unknown fields are refused too (they are usually typos).
 */
export function validateConfig(config: EmotionDetectorConfig = {}): ResolvedConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    invalid('config', 'an object', config);
  for (const key of Object.keys(config))
    if (!(KEYS as readonly string[]).includes(key))
      invalid(
        key,
        `no such option; options are ${KEYS.join(', ')}`,
        (config as Record<string, unknown>)[key],
      );

  let modelBaseUrl: string;
  if (config.modelBaseUrl === undefined) modelBaseUrl = defaultModelBaseUrl();
  else if (!isUrlLike(config.modelBaseUrl))
    invalid('modelBaseUrl', 'a URL string or URL', config.modelBaseUrl);
  else {
    const base = typeof globalThis.location === 'object' ? globalThis.location.href : undefined;
    try {
      modelBaseUrl = new URL(String(config.modelBaseUrl), base).href;
    } catch {
      invalid('modelBaseUrl', 'a valid URL', String(config.modelBaseUrl));
    }
    if (!modelBaseUrl.endsWith('/')) modelBaseUrl += '/';
  }

  const model = config.model ?? 'auto';
  if (
    !isUrlLike(model) &&
    !(
      typeof model === 'object' &&
      model !== null &&
      typeof (model as { descriptor?: unknown }).descriptor === 'object'
    )
  )
    invalid('model', '"auto", a descriptor URL, or { descriptor, weights?, baseUrl? }', model);

  if (
    config.faceDetectorModel !== undefined &&
    !isUrlLike(config.faceDetectorModel) &&
    !isHandler(config.faceDetectorModel)
  )
    invalid('faceDetectorModel', 'a model.json URL or a tf.io.IOHandler', config.faceDetectorModel);

  const wasmPaths = config.wasmPaths;
  if (
    wasmPaths !== undefined &&
    !(typeof wasmPaths === 'string' && wasmPaths.length > 0) &&
    !(
      typeof wasmPaths === 'object' &&
      wasmPaths !== null &&
      Object.values(wasmPaths).every((v) => typeof v === 'string')
    )
  )
    invalid('wasmPaths', 'a folder URL string or a map of .wasm file name to URL', wasmPaths);

  if (config.fetch !== undefined && typeof config.fetch !== 'function')
    invalid('fetch', 'a fetch function', config.fetch);
  if (
    config.modelCache !== undefined &&
    (typeof config.modelCache !== 'string' || config.modelCache.length === 0)
  )
    invalid('modelCache', 'a non-empty cache name', config.modelCache);
  if (config.decodeImage !== undefined && typeof config.decodeImage !== 'function')
    invalid(
      'decodeImage',
      'a function (bytes, maxPixels) => { data, width, height, channels }',
      config.decodeImage,
    );

  return {
    modelBaseUrl,
    model,
    faceDetectorModel: config.faceDetectorModel,
    detectorRange: oneOf('detectorRange', config.detectorRange, ['short', 'full'], DEFAULTS.detectorRange),
    backend: oneOf('backend', config.backend, ['auto', 'webgl', 'wasm', 'cpu'], DEFAULTS.backend),
    wasmPaths: wasmPaths ?? defaultWasmPaths(),
    maxFaces: range('maxFaces', config.maxFaces, 1, 20, DEFAULTS.maxFaces, true),
    minFaceScore: range('minFaceScore', config.minFaceScore, 0, 1, DEFAULTS.minFaceScore),
    abstainThreshold: range('abstainThreshold', config.abstainThreshold, 0, 1, DEFAULTS.abstainThreshold),
    quality: quality(config.quality),
    flipTTA: oneOf<boolean | 'auto'>('flipTTA', config.flipTTA, [true, false, 'auto'], DEFAULTS.flipTTA),
    zoomTTA: oneOf<boolean | 'auto'>('zoomTTA', config.zoomTTA, [true, false, 'auto'], DEFAULTS.zoomTTA),
    maxImageSide: range('maxImageSide', config.maxImageSide, 256, 4096, DEFAULTS.maxImageSide, true),
    maxMegapixels: range('maxMegapixels', config.maxMegapixels, 1, 1000, DEFAULTS.maxMegapixels),
    noFace: oneOf('noFace', config.noFace, ['result', 'error'], DEFAULTS.noFace),
    fetch: config.fetch,
    modelCache: config.modelCache,
    onProgress: config.onProgress,
    loadTimeout: range('loadTimeout', config.loadTimeout, 1000, 600_000, DEFAULTS.loadTimeout, true),
    decodeImage: config.decodeImage,
  };
}
