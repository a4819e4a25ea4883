import type { EmotionLabel, EmotionProbabilities } from '@moodiary/core';
import type { io, Tensor3D } from '@tensorflow/tfjs';
import type { Calibration } from './calibration.js';
import type { EmotionModelDescriptor } from './descriptor.js';

/** A model location: a URL (absolute, or relative to the page / `modelBaseUrl`) or a TF.js IOHandler. */
export type ModelSource = string | URL | io.IOHandler;

/** Which TensorFlow.js backend to use. `auto`: keep the host's active backend, else WebGL → WASM → CPU. */
export type BackendPreference = 'auto' | 'webgl' | 'wasm' | 'cpu';

/** An explicit emotion model: its descriptor plus where its weights are. */
export interface EmotionModelSource {
  descriptor: EmotionModelDescriptor;
  /** The model.json URL or an IOHandler. Default: `descriptor.model.url` resolved against `baseUrl`. */
  weights?: ModelSource;
  /** Base URL for relative paths in the descriptor. */
  baseUrl?: string | URL;
}

/** Decodes encoded image bytes (JPEG…) where the runtime has no `createImageBitmap` (Node). */
export type ImageDecoder = (bytes: Uint8Array, maxPixels: number) => Promise<DecodedImage> | DecodedImage;

/** RGB(A) pixels with EXIF orientation already applied. */
export interface DecodedImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** Everything is optional; see README for the defaults. */
export interface EmotionDetectorConfig {
  /** Base URL of the model folder (holds `face-detection/`, `emotion/`, `baselines/`). Default: the package's `models/`. */
  modelBaseUrl?: string | URL;
  /** The emotion model: a descriptor URL, or `{ descriptor, weights }`. Default: `auto` (ours, else the baseline). */
  model?: 'auto' | string | URL | EmotionModelSource;
  /** The face detector's model.json (URL or IOHandler). Default: `face-detection/<range>.json` under `modelBaseUrl`. */
  faceDetectorModel?: ModelSource;
  /** `short` for selfies and webcams (faces within ~2 m), `full` for group photos. Default `short`. */
  detectorRange?: 'short' | 'full';
  /** Default `auto`. */
  backend?: BackendPreference;
  /** Where the tfjs-backend-wasm `.wasm` files are (a folder URL ending in `/`, or a map file name → URL). */
  wasmPaths?: string | Record<string, string>;
  /** Most faces returned per image (1–20). Default 5. */
  maxFaces?: number;
  /** Faces with a lower detection score are dropped (0.5–1; the detector itself stops at 0.5). Default 0.6. */
  minFaceScore?: number;
  /** A face whose top probability is below this is `uncertain` (0–1). Default 0.4. */
  abstainThreshold?: number;
  /** Average with a mirrored crop (two passes). `auto` uses the model descriptor's choice. Default `auto`. */
  flipTTA?: boolean | 'auto';
  /**
   * Average the descriptor's `zoomTTA` crop scales per face (`'auto'`, `true`) or classify the plain crop
   * only (`false`: fewer passes, e.g. for a live preview). Default `'auto'`.
   */
  zoomTTA?: boolean | 'auto';
  /** Images whose longer side exceeds this are downscaled before detection (256–4096). Default 1280. */
  maxImageSide?: number;
  /** Larger inputs are refused with `image-too-large` (1–1000). Default 100. */
  maxMegapixels?: number;
  /** `result` (default): no face gives `{ faces: [], noFace: true }`; `error`: rejects with `no-face`. */
  noFace?: 'result' | 'error';
  /**
   * Name of a Cache Storage cache for the model files: fetched once, then served offline (cache-first).
   * Change the name to force a refresh. Default: none (the browser's HTTP cache applies).
   */
  modelCache?: string;
  /**
   * When a face's estimate is flagged `uncertain` (besides `abstainThreshold`): any field of
   * {@link QualityThresholds}, the others keep their defaults.
   */
  quality?: Partial<QualityThresholds>;
  /** Called with the loading progress, 0–1 (backend, model files, building), rising, ending with 1. */
  onProgress?: (progress: number) => void;
  /** A model file that takes longer (ms, 1000–600000) fails with `model-load`. Default 60000. */
  loadTimeout?: number;
  /** The fetch used for model files. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Decoder for Blob / byte inputs where `createImageBitmap` is missing. Set by `@moodiary/emotion/node`. */
  decodeImage?: ImageDecoder;
}

/** The thresholds behind `uncertainReasons` (config `quality`); the defaults are `DEFAULTS.quality`. */
export interface QualityThresholds {
  /**
   * `small-face`: the face's shorter side in the working image is below this share of the emotion
   * model's input width (its crop is upscaled, so blurred). 0–4, default 0.75.
   */
  minFaceToInput: number;
  /** `small-face` too: the face's shorter side in input pixels is below this. 0–1000, default 24. */
  minFacePixels: number;
  /** `low-face-score`: the face detector's score is below this. 0–1, default 0.75. */
  minDetectorScore: number;
  /** `dark`: the crop's mean gray level (0–255) is below this. Default 40. */
  minBrightness: number;
  /** `bright`: the crop's mean gray level (0–255) is above this (washed out, overexposed). Default 200. */
  maxBrightness: number;
  /**
   * `dark` or `bright` (by which half its mean is in): the standard deviation of the crop's gray levels
   * (its contrast, 0–255) is below this. Default 18 (faces in the dev sets: 1st percentile 26).
   */
  minContrast: number;
  /**
   * `blurry`: the crop's sharpness — the standard deviation of its Laplacian over that of its gray levels,
   * at the model's input size — is below this. Default 0.09 (faces in the dev sets: 1st percentile
   * 0.10–0.23; out-of-focus and upscaled tiny faces: 95th percentile 0.07–0.12).
   */
  minSharpness: number;
  /** `cut-off`: more than this share of the face box lies outside the picture. 0–1, default 0.15. */
  maxCutOff: number;
  /**
   * `turned-away`: the nose tip lies further than this × the eye distance from the eyes' midpoint,
   * along the eye line (0 = nose between the eyes). 0–2, default 0.45.
   */
  maxNoseOffset: number;
}

/** Pixel inputs `estimate()` and `classify()` accept. */
export type EmotionInput =
  | HTMLImageElement
  | HTMLCanvasElement
  | HTMLVideoElement
  | OffscreenCanvas
  | ImageBitmap
  | ImageData
  | Blob
  | ArrayBuffer
  | Uint8Array
  | PixelData
  | Tensor3D;

/** Raw pixels (like ImageData, also in Node): packed RGB or RGBA rows, 0–255. */
export interface PixelData {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type FaceKeypointName =
  'rightEye' | 'leftEye' | 'noseTip' | 'mouthCenter' | 'rightEarTragion' | 'leftEarTragion';

export interface Keypoint {
  name: FaceKeypointName;
  x: number;
  y: number;
}

/**
 * Why a result should not be trusted:
 * `low-confidence` (top probability below `abstainThreshold`), `small-face` (face smaller than the model
 * input), `low-face-score` (detector unsure it is a face), `cut-off` (the face runs past the picture's
 * edge), `turned-away` (head turned far to a side), `dark` / `bright` (crop too dark, or washed out),
 * `blurry` (crop out of focus or upscaled). A UI can turn each into a hint ("turn toward the light").
 */
export type UncertainReason =
  | 'low-confidence'
  | 'small-face'
  | 'low-face-score'
  | 'cut-off'
  | 'turned-away'
  | 'dark'
  | 'bright'
  | 'blurry';

/** The expression estimate of one face crop. */
export interface EmotionClassification {
  /** One probability per label, summing to 1. */
  probabilities: EmotionProbabilities;
  /** The most probable label. */
  label: EmotionLabel;
  /** Its probability. */
  confidence: number;
  uncertain: boolean;
  uncertainReasons: UncertainReason[];
  /** True when a person's calibration (`setCalibration`) adjusted the model's answer. */
  personalized: boolean;
  /** What the model said before that adjustment (only when `personalized`): what a later fit learns from. */
  modelProbabilities?: EmotionProbabilities;
}

/** One face found in the input. All coordinates are in input pixels (after EXIF orientation). */
export interface EmotionFace extends EmotionClassification {
  /** The face's box, clipped to the image. */
  box: Box;
  keypoints: Keypoint[];
  /** Detector score in [0, 1]. */
  score: number;
  /** Head roll in degrees (eye line vs horizontal; positive = clockwise in the image). */
  roll: number;
}

export interface EmotionTimings {
  /** Decoding / reading pixels, ms. */
  decode: number;
  detect: number;
  classify: number;
  total: number;
}

/** Per-call options of `estimate()`. */
export interface EstimateOptions {
  /**
   * `all` (default): every test-time view the descriptor and config ask for — for a reading that is kept.
   * `one`: the crop alone, a single pass (about a quarter of the classifier's time with 2.0.0's four
   * views) — for a live preview that is smoothed over frames anyway.
   */
  views?: 'all' | 'one';
}

/** What `estimate()` resolves to: plain data, safe to store, post or `JSON.stringify`. */
export interface EmotionEstimate {
  /** Faces, most prominent (largest, then highest score) first. */
  faces: EmotionFace[];
  /** True when no face was found (then `faces` is empty). */
  noFace: boolean;
  /** Input size in pixels, after EXIF orientation. */
  image: { width: number; height: number };
  model: { name: string; version: string };
  backend: string;
  timings: EmotionTimings;
}

/** What `classify()` resolves to: one already-cropped face. */
export interface CropClassification extends EmotionClassification {
  model: { name: string; version: string };
  timings: EmotionTimings;
}

/**
 * What code that reads faces needs of a detector: `estimate()`, and where offered a warm-up, a
 * `dispose()` and a person's calibration. `EmotionDetector` and `EmotionWorkerDetector` are
 * estimators; so is a host's own detector with the same `estimate()` (it plugs into `watchVideo` and
 * into `@moodiary/elements`' `<mood-camera>`).
 */
export interface Estimator {
  estimate(input: EmotionInput, options?: EstimateOptions): Promise<EmotionEstimate>;
  /** Loads and compiles everything, so the first estimate is quick. */
  warmup?(): Promise<unknown>;
  /** Lets go of the models; later calls fail. */
  dispose?(): unknown;
  /** Adjusts later answers to one person (what `fitCalibration` returns), or back to the model with `null`. */
  setCalibration?(calibration: Calibration | null): unknown;
}
