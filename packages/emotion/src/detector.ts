import { EMOTION_LABELS, type EmotionLabel } from '@moodiary/core';
import * as tf from '@tensorflow/tfjs';
import { ensureBackend, switchBackend, webglCanvas } from './backend.js';
import { Classifier, toProbabilities } from './classifier.js';
import { validateConfig, type ResolvedConfig } from './config.js';
import { compileDescriptor, type CompiledDescriptor } from './descriptor.js';
import { EmotionError, modelLoad } from './errors.js';
import { BackendChangeEvent, type EmotionDetectorEventMap } from './events.js';
import { readInput, type Pixels } from './image.js';
import {
  cachedFetch,
  timedFetch,
  fetchJson,
  loadArtifacts,
  loadFromHandler,
  memoryHandler,
  type FetchLike,
} from './loader.js';
import type {
  Box,
  CropClassification,
  EmotionClassification,
  EmotionDetectorConfig,
  EmotionEstimate,
  EmotionFace,
  EmotionInput,
  FaceKeypointName,
  Keypoint,
  UncertainReason,
} from './types.js';

/** Descriptors tried in order when `model` is `auto`: our model once shipped, else the baseline. */
export const DEFAULT_MODEL_CANDIDATES = [
  'emotion/descriptor.json',
  'baselines/mini-xception/descriptor.json',
];

const KEYPOINT_NAMES: FaceKeypointName[] = [
  'rightEye',
  'leftEye',
  'noseTip',
  'mouthCenter',
  'rightEarTragion',
  'leftEarTragion',
];
const DETECTOR_INPUT = { short: 128, full: 192 } as const;
/** Longer side of the image the face detector gets (it letterboxes to 128/192 px itself). */
const DETECTION_SIDE = 512;

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

interface RawDetection {
  score: number[];
  locationData: {
    relativeBoundingBox: { xMin: number; yMin: number; width: number; height: number };
    relativeKeypoints: { x: number; y: number }[];
  };
}

interface FoundFace {
  box: Box;
  keypoints: Keypoint[];
  score: number;
  /** Side of the face in its own (rotated) frame, input pixels, when known better than the box. */
  side?: number;
}

interface FaceDetectorLike {
  detectFaces(image: tf.Tensor3D, flipHorizontal?: boolean): Promise<RawDetection[]>;
  dispose(): void;
}

interface Loaded {
  descriptor: CompiledDescriptor;
  classifierArtifacts: tf.io.ModelArtifacts;
  classifierUrl: string;
  detectorArtifacts: tf.io.ModelArtifacts;
  detectorUrl: string;
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;
const now = () => performance.now();
/** A User Timing mark per start-up stage (`moodiary:<stage>`): DevTools and `npm run bench -- first-result` read them. */
export const markStage = (stage: string, detail?: unknown) =>
  globalThis.performance?.mark?.(`moodiary:${stage}`, { detail });

async function loadDescriptor(url: string, fetchFn: FetchLike): Promise<CompiledDescriptor> {
  return compileDescriptor(await fetchJson(url, fetchFn), url);
}

async function loadFiles(cfg: ResolvedConfig, fetchFn: FetchLike): Promise<Loaded> {
  const base = cfg.modelBaseUrl;
  let descriptor: CompiledDescriptor;
  let classifierUrl: string;
  let classifierArtifacts: tf.io.ModelArtifacts;
  const model = cfg.model;
  if (typeof model === 'object' && !(model instanceof URL)) {
    descriptor = compileDescriptor(model.descriptor, 'config.model.descriptor');
    const weights = model.weights ?? descriptor.model.url;
    if (typeof weights === 'object' && !(weights instanceof URL)) {
      classifierUrl = 'config.model.weights';
      classifierArtifacts = await loadFromHandler(weights, classifierUrl);
    } else {
      classifierUrl = new URL(String(weights), model.baseUrl ? new URL(String(model.baseUrl), base) : base)
        .href;
      classifierArtifacts = await loadArtifacts(classifierUrl, fetchFn);
    }
  } else {
    const candidates = model === 'auto' ? DEFAULT_MODEL_CANDIDATES : [String(model)];
    let found: { d: CompiledDescriptor; url: string } | undefined;
    for (const [i, c] of candidates.entries()) {
      const url = new URL(c, base).href;
      try {
        found = { d: await loadDescriptor(url, fetchFn), url };
        break;
      } catch (e) {
        const missing = e instanceof EmotionError && e.details['status'] === 404;
        if (!missing || i === candidates.length - 1) throw e;
      }
    }
    descriptor = found!.d;
    classifierUrl = new URL(descriptor.model.url, found!.url).href;
    classifierArtifacts = await loadArtifacts(classifierUrl, fetchFn);
  }
  let detectorUrl: string;
  let detectorArtifacts: tf.io.ModelArtifacts;
  const fd = cfg.faceDetectorModel;
  if (typeof fd === 'object' && !(fd instanceof URL)) {
    detectorUrl = 'config.faceDetectorModel';
    detectorArtifacts = await loadFromHandler(fd, detectorUrl);
  } else {
    detectorUrl = new URL(fd === undefined ? `face-detection/${cfg.detectorRange}.json` : String(fd), base)
      .href;
    detectorArtifacts = await loadArtifacts(detectorUrl, fetchFn);
  }
  return { descriptor, classifierArtifacts, classifierUrl, detectorArtifacts, detectorUrl };
}

async function buildFaceDetector(cfg: ResolvedConfig, loaded: Loaded): Promise<FaceDetectorLike> {
  const fdLib = await import('@tensorflow-models/face-detection');
  let detector: FaceDetectorLike;
  try {
    detector = (await fdLib.createDetector(fdLib.SupportedModels.MediaPipeFaceDetector, {
      runtime: 'tfjs',
      modelType: cfg.detectorRange,
      maxFaces: cfg.maxFaces,
      detectorModelUrl: memoryHandler(loaded.detectorArtifacts),
    })) as unknown as FaceDetectorLike;
  } catch (cause) {
    throw modelLoad(
      loaded.detectorUrl,
      `not a valid face detector graph model (${(cause as Error)?.message ?? cause})`,
      {},
      cause,
    );
  }
  const size = DETECTOR_INPUT[cfg.detectorRange];
  const shape = (detector as unknown as { detectorModel?: tf.GraphModel }).detectorModel?.inputs[0]?.shape;
  if (shape && !(shape[1] === size && shape[2] === size && shape[3] === 3)) {
    detector.dispose();
    throw modelLoad(
      loaded.detectorUrl,
      `face detector input shape is ${JSON.stringify(shape)}, expected [1,${size},${size},3] for detectorRange "${cfg.detectorRange}"`,
      { shape },
    );
  }
  return detector;
}

/**
 * Finds faces and estimates six facial-expression probabilities for each, on the device.
 * Create with {@link createEmotionDetector}. Dispatches `backendchange` ({@link BackendChangeEvent}).
 */
export class EmotionDetector extends EventTarget {
  private faceDetector: FaceDetectorLike | undefined;
  private classifier: Classifier | undefined;
  private disposed = false;
  /** Bumped on every backend switch: a call that failed across one is retried once. */
  private generation = 0;
  private recovering: Promise<void> | undefined;
  private backendName: string;
  private readonly onContextLost = () => {
    this.recovering ??= this.recover().finally(() => (this.recovering = undefined));
  };
  private watched: (HTMLCanvasElement | OffscreenCanvas) | undefined;

  private constructor(
    readonly config: ResolvedConfig,
    private readonly loaded: Loaded,
    backend: string,
  ) {
    super();
    this.backendName = backend;
  }

  /** @internal use {@link createEmotionDetector}. */
  static async create(config?: EmotionDetectorConfig): Promise<EmotionDetector> {
    const cfg = validateConfig(config);
    const baseFetch: FetchLike = cfg.fetch ?? ((url, init) => globalThis.fetch(url, init));
    const cachingFetch = cfg.modelCache
      ? cachedFetch(cfg.modelCache, timedFetch(baseFetch, cfg.loadTimeout))
      : timedFetch(baseFetch, cfg.loadTimeout);
    // Coarse progress: backend 20 %, the (usually five) model files 60 %, building the models 20 %.
    let backendUp = 0;
    let files = 0;
    let reported = -1;
    const report = (built = 0) => {
      const value = Math.round((0.2 * backendUp + 0.6 * Math.min(1, files / 5) + 0.2 * built) * 100) / 100;
      if (value > reported && cfg.onProgress) {
        reported = value;
        try {
          cfg.onProgress(value);
        } catch {
          // a host callback must not break loading
        }
      }
    };
    const fetchFn: FetchLike = async (url, init) => {
      const response = await cachingFetch(url, init);
      files++;
      report();
      return response;
    };
    report();
    const [backend, loaded] = await Promise.all([
      ensureBackend(cfg.backend, cfg.wasmPaths).then((name) => {
        markStage('backend-ready', name);
        backendUp = 1;
        report();
        return name;
      }),
      loadFiles(cfg, fetchFn).then((loaded) => {
        markStage('models-fetched');
        return loaded;
      }),
    ]);
    files = 5;
    report(0.5);
    const detector = new EmotionDetector(cfg, loaded, backend);
    await detector.build();
    markStage('models-built');
    report(1);
    return detector;
  }

  private async build() {
    const fd = await buildFaceDetector(this.config, this.loaded);
    try {
      this.classifier = await Classifier.create(
        this.loaded.descriptor,
        this.loaded.classifierArtifacts,
        this.loaded.classifierUrl,
      );
    } catch (e) {
      fd.dispose();
      throw e;
    }
    this.faceDetector = fd;
    this.watchContext();
  }

  private watchContext() {
    this.watched?.removeEventListener('webglcontextlost', this.onContextLost);
    this.watched = webglCanvas();
    this.watched?.addEventListener('webglcontextlost', this.onContextLost);
  }

  private async recover() {
    this.generation++;
    const from = this.backendName;
    try {
      this.faceDetector?.dispose();
      this.classifier?.dispose();
    } catch {
      // the lost context cannot free its textures; they are gone with it
    }
    this.faceDetector = undefined;
    this.classifier = undefined;
    try {
      await switchBackend('wasm', this.config.wasmPaths);
      this.backendName = 'wasm';
    } catch {
      await switchBackend('cpu', this.config.wasmPaths);
      this.backendName = 'cpu';
    }
    if (this.disposed) return;
    await this.build();
    this.dispatchEvent(new BackendChangeEvent(from, this.backendName, 'webgl-context-lost'));
  }

  /** The TF.js backend the detector runs on. */
  get backend(): string {
    return this.backendName;
  }

  /** The emotion model in use (from its descriptor). */
  get model(): { name: string; version: string; labels: readonly EmotionLabel[]; url: string } {
    const d = this.loaded.descriptor;
    return { name: d.name, version: d.version, labels: EMOTION_LABELS, url: this.loaded.classifierUrl };
  }

  /** The full model descriptor in use. */
  get descriptor(): Readonly<CompiledDescriptor> {
    return this.loaded.descriptor;
  }

  private async ready(): Promise<{ fd: FaceDetectorLike; cl: Classifier }> {
    if (this.disposed) throw disposedError();
    if (this.recovering) await this.recovering;
    if (this.disposed) throw disposedError();
    if (!this.faceDetector || !this.classifier)
      throw new EmotionError('backend', 'The detector lost its models after a backend failure.');
    return { fd: this.faceDetector, cl: this.classifier };
  }

  private wrap(e: unknown): EmotionError {
    if (this.disposed) return disposedError();
    if (e instanceof EmotionError) return e;
    return new EmotionError(
      'backend',
      `Inference failed on the ${this.backendName} backend: ${(e as Error)?.message ?? e}`,
      {
        details: { backend: this.backendName },
        cause: e,
      },
    );
  }

  private get useFlip(): boolean {
    return this.config.flipTTA === 'auto' ? this.loaded.descriptor.flipTTA : this.config.flipTTA;
  }

  /** The crop scales averaged per face (the descriptor's `zoomTTA`, or just the crop with `zoomTTA: false`). */
  private get zooms(): number[] {
    return this.config.zoomTTA === false ? [1] : this.loaded.descriptor.zoomTTA;
  }

  /**
   * Finds the faces in `input` and estimates each face's expression. Resolves to plain data; with no
   * face, `{ faces: [], noFace: true }` (or a `no-face` error when `noFace: 'error'`).
   */
  async estimate(input: EmotionInput): Promise<EmotionEstimate> {
    return this.retryAcrossSwitch(() => this.estimateOnce(input));
  }

  /** Runs `work`; if the backend was switched (context lost) while it ran, runs it once more on the new one. */
  private async retryAcrossSwitch<T>(work: () => Promise<T>): Promise<T> {
    const generation = this.generation;
    try {
      return await work();
    } catch (e) {
      if (
        this.disposed ||
        this.generation === generation ||
        (e instanceof EmotionError && e.code !== 'backend')
      )
        throw e;
      return work();
    }
  }

  /** Decodes any input into pixels within the configured size limits. */
  private read(input: EmotionInput): Promise<Pixels> {
    return readInput(input, {
      maxSide: this.config.maxImageSide,
      maxPixels: this.config.maxMegapixels * 1e6,
      decodeImage: this.config.decodeImage,
    });
  }

  private async estimateOnce(input: EmotionInput): Promise<EmotionEstimate> {
    const { fd, cl } = await this.ready();
    const t0 = now();
    let pixels: Pixels | undefined;
    try {
      pixels = await this.read(input);
      if (this.disposed) throw disposedError();
      const t1 = now();
      const [th, tw] = pixels.tensor.shape;
      const sx = pixels.width / tw;
      const sy = pixels.height / th;
      // The detector sees 128 or 192 px: give it a small copy (a cheap, less aliased first step) and keep
      // the working image for the crops. Detections are relative, so they map back unchanged.
      const small = Math.max(tw, th) > DETECTION_SIDE ? fitTensor(pixels.tensor, DETECTION_SIDE) : undefined;
      let raw: RawDetection[];
      try {
        raw = await fd.detectFaces(small ?? pixels.tensor, false);
      } finally {
        small?.dispose();
      }
      const found = raw
        .map((d) => {
          const b = d.locationData.relativeBoundingBox;
          const box: Box = {
            x: b.xMin * pixels!.width,
            y: b.yMin * pixels!.height,
            width: b.width * pixels!.width,
            height: b.height * pixels!.height,
          };
          const keypoints: Keypoint[] = d.locationData.relativeKeypoints.map((k, i) => ({
            name: KEYPOINT_NAMES[i]!,
            x: k.x * pixels!.width,
            y: k.y * pixels!.height,
          }));
          return { box, keypoints, score: d.score[0] ?? 0 } as FoundFace;
        })
        .filter((f) => f.score >= this.config.minFaceScore)
        .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height || b.score - a.score)
        .slice(0, this.config.maxFaces);
      // A face lying on its side (photo turned 90°) has rough keypoints: detect again, upright.
      for (const [i, f] of found.entries())
        if (Math.abs(rollOf(f.keypoints, sx, sy)) > Math.PI / 7)
          found[i] = await this.refineTurned(fd, pixels.tensor, f, sx, sy);
      found.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height || b.score - a.score);
      const t2 = now();
      if (found.length === 0) {
        if (this.config.noFace === 'error')
          throw new EmotionError('no-face', 'No face was found in the image.', {
            details: { width: pixels.width, height: pixels.height },
          });
        return this.result([], pixels, { decode: t1 - t0, detect: t2 - t1, classify: 0, total: now() - t0 });
      }
      const geometry = found.map((f) => cropGeometry(f.box, f.keypoints, cl.descriptor, sx, sy, f.side));
      const { probs, stats } = await this.classifyCrops(cl, pixels.tensor, geometry);
      const faces: EmotionFace[] = found.map((f, i) => {
        const g = geometry[i]!;
        const reasons: UncertainReason[] = [];
        if (
          Math.min(f.box.width / sx, f.box.height / sy) < cl.descriptor.input.width * 0.75 ||
          Math.min(f.box.width, f.box.height) < 24
        )
          reasons.push('small-face');
        if (f.score < 0.75) reasons.push('low-face-score');
        if (turnedAway(f.keypoints)) reasons.push('turned-away');
        return {
          box: clampBox(f.box, pixels!.width, pixels!.height),
          keypoints: f.keypoints.map((k) => ({ name: k.name, x: round(k.x), y: round(k.y) })),
          score: round(f.score, 4),
          roll: round((g.angle * 180) / Math.PI, 1),
          ...this.classification(probs[i]!, stats[i]!, reasons),
        };
      });
      return this.result(faces, pixels, {
        decode: t1 - t0,
        detect: t2 - t1,
        classify: now() - t2,
        total: now() - t0,
      });
    } catch (e) {
      throw this.wrap(e);
    } finally {
      pixels?.tensor.dispose();
    }
  }

  /**
   * Estimates the expression of an image that is already a face crop (no detection), framed like the
   * model's training data. Used by the evaluation CLI's `crops` mode.
   */
  async classify(input: EmotionInput): Promise<CropClassification> {
    return this.retryAcrossSwitch(() => this.classifyOnce(input));
  }

  private async classifyOnce(input: EmotionInput): Promise<CropClassification> {
    const { cl } = await this.ready();
    const t0 = now();
    let pixels: Pixels | undefined;
    try {
      pixels = await this.read(input);
      if (this.disposed) throw disposedError();
      const t1 = now();
      const p = pixels.tensor;
      const [probsT, statsT] = tf.tidy(() => {
        const raw = tf.expandDims(tf.cast(p, 'float32'), 0) as tf.Tensor4D;
        return [cl.probabilities(cl.prepareWhole(p), this.useFlip, this.zooms), grayStats(raw)];
      });
      const [probs, stats] = await Promise.all([probsT.data(), statsT.data()]);
      tf.dispose([probsT, statsT]);
      const t2 = now();
      return {
        ...this.classification(Array.from(probs), [stats[0]!, stats[1]!], []),
        model: { name: cl.descriptor.name, version: cl.descriptor.version },
        timings: { decode: round(t1 - t0), detect: 0, classify: round(t2 - t1), total: round(now() - t0) },
      };
    } catch (e) {
      throw this.wrap(e);
    } finally {
      pixels?.tensor.dispose();
    }
  }

  /**
   * Re-detects a face whose eye line is far from level on an upright patch cut around it (rotated
   * by the rough roll, snapped to a quarter turn when close), then maps box and keypoints back.
   */
  private async refineTurned(
    fd: FaceDetectorLike,
    image: tf.Tensor3D,
    f: FoundFace,
    sx: number,
    sy: number,
  ): Promise<FoundFace> {
    const rough = rollOf(f.keypoints, sx, sy);
    const quarter = (Math.round(rough / (Math.PI / 2)) * Math.PI) / 2;
    const angle = Math.abs(rough - quarter) < Math.PI / 6 ? quarter : rough;
    const cx = (f.box.x + f.box.width / 2) / sx;
    const cy = (f.box.y + f.box.height / 2) / sy;
    const side = 2 * Math.max(f.box.width / sx, f.box.height / sy);
    const size = Math.min(256, Math.max(96, Math.round(side)));
    const r = rotatedSquare(cx, cy, side, size, angle);
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
    let dets: RawDetection[];
    try {
      dets = await fd.detectFaces(patch, false);
    } finally {
      patch.dispose();
    }
    const best = dets
      .filter((d) => (d.score[0] ?? 0) >= this.config.minFaceScore)
      .sort((a, b) => b.locationData.relativeBoundingBox.width - a.locationData.relativeBoundingBox.width)[0];
    if (!best) return f;
    const b = best.locationData.relativeBoundingBox;
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
    const keypoints = best.locationData.relativeKeypoints.map((k, i) => {
      const p = r.toImage(k.x * size, k.y * size);
      return { name: KEYPOINT_NAMES[i]!, x: p.x * sx, y: p.y * sy };
    });
    const faceSide = Math.max(b.width, b.height) * side * Math.max(sx, sy);
    return { box, keypoints, score: best.score[0] ?? f.score, side: faceSide };
  }

  private classification(row: number[], stats: number[], reasons: UncertainReason[]): EmotionClassification {
    const probabilities = toProbabilities(row);
    let best = 0;
    row.forEach((v, i) => (v > row[best]! ? (best = i) : 0));
    const confidence = row[best]!;
    if (stats[0]! < 40 || stats[1]! < 10) reasons.push('dark');
    if (confidence < this.config.abstainThreshold) reasons.unshift('low-confidence');
    return {
      probabilities,
      label: EMOTION_LABELS[best]!,
      confidence,
      uncertain: reasons.length > 0,
      uncertainReasons: reasons,
    };
  }

  /** Probabilities and light statistics per face; the test-time zooms are taken from each model-size crop. */
  private async classifyCrops(cl: Classifier, image: tf.Tensor3D, geometry: CropGeometry[]) {
    const { width, height } = cl.descriptor.input;
    const [probsT, statsT] = tf.tidy(() => {
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
      const batch = crops.length === 1 ? crops[0]! : tf.concat(crops, 0);
      return [cl.probabilities(cl.prepare(batch), this.useFlip, this.zooms), grayStats(batch)];
    });
    const [p, s] = await Promise.all([probsT.array(), statsT.array()]);
    tf.dispose([probsT, statsT]);
    return { probs: p, stats: s };
  }

  private result(
    faces: EmotionFace[],
    pixels: Pixels,
    t: { decode: number; detect: number; classify: number; total: number },
  ): EmotionEstimate {
    return {
      faces,
      noFace: faces.length === 0,
      image: { width: pixels.width, height: pixels.height },
      model: { name: this.loaded.descriptor.name, version: this.loaded.descriptor.version },
      backend: this.backendName,
      timings: {
        decode: round(t.decode),
        detect: round(t.detect),
        classify: round(t.classify),
        total: round(t.total),
      },
    };
  }

  /** Runs every stage once on blank input so the first real call is fast (compiles WebGL shaders). */
  async warmup(): Promise<void> {
    const { fd, cl } = await this.ready();
    try {
      const blank = tf.zeros([240, 320, 3], 'int32') as tf.Tensor3D;
      try {
        await fd.detectFaces(blank, false);
        const g = cropGeometry(
          { x: 100, y: 60, width: 120, height: 120 },
          [
            { name: 'rightEye', x: 130, y: 100 },
            { name: 'leftEye', x: 190, y: 104 },
          ],
          cl.descriptor,
          1,
          1,
        );
        await this.classifyCrops(cl, blank, [g]);
      } finally {
        blank.dispose();
      }
      markStage('warmed-up');
    } catch (e) {
      throw this.wrap(e);
    }
  }

  /** Frees every model and tensor. Later calls reject with a `disposed` error. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.watched?.removeEventListener('webglcontextlost', this.onContextLost);
    this.faceDetector?.dispose();
    this.classifier?.dispose();
    this.faceDetector = undefined;
    this.classifier = undefined;
  }

  /** True once {@link dispose} was called. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  override addEventListener<K extends keyof EmotionDetectorEventMap>(
    type: K,
    listener: ((event: EmotionDetectorEventMap[K]) => void) | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ) {
    super.addEventListener(type, listener, options);
  }
}

function disposedError() {
  return new EmotionError('disposed', 'The emotion detector was disposed; create a new one.');
}

/** Mean and standard deviation of gray levels (0–255) per crop: [n, 2]. */
function grayStats(rgb: tf.Tensor4D): tf.Tensor2D {
  const gray = tf.sum(tf.mul(rgb, tf.tensor1d([0.299, 0.587, 0.114])), 3);
  const { mean, variance } = tf.moments(gray, [1, 2]);
  return tf.stack([mean, tf.sqrt(variance)], 1) as tf.Tensor2D;
}

interface CropGeometry {
  transform: number[];
  k: number;
  angle: number;
}

/**
 * The projective transform (tf.image.transform) mapping model-input pixels to working-image pixels:
 * a square of `crop.scale` × the box's longer side around the box centre, shifted by `offsetY`,
 * rotated so the eyes are level. `k` > 1 renders at k× size for an area-average downscale.
 */
export function cropGeometry(
  box: Box,
  keypoints: Keypoint[],
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
  let angle = 0;
  const re = keypoints.find((k) => k.name === 'rightEye');
  const le = keypoints.find((k) => k.name === 'leftEye');
  if (d.crop.alignEyes && re && le) angle = Math.atan2((le.y - re.y) / sy, (le.x - re.x) / sx);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  cx += -sin * d.crop.offsetY * sideY;
  cy += cos * d.crop.offsetY * sideY;
  const k = Math.max(1, Math.min(4, Math.floor(Math.min(sideX / W, sideY / H))));
  const px = sideX / (W * k);
  const py = sideY / (H * k);
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
    k,
    angle,
  };
}

/** The part of `box` inside the image, rounded to 0.01 px. */
function clampBox(box: Box, width: number, height: number): Box {
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  return {
    x: round(x),
    y: round(y),
    width: round(Math.max(0, Math.min(width, box.x + box.width) - x)),
    height: round(Math.max(0, Math.min(height, box.y + box.height) - y)),
  };
}

/** Roll of the eye line in radians (working-image coordinates). */
function rollOf(keypoints: Keypoint[], sx: number, sy: number): number {
  const re = keypoints.find((k) => k.name === 'rightEye');
  const le = keypoints.find((k) => k.name === 'leftEye');
  return re && le ? Math.atan2((le.y - re.y) / sy, (le.x - re.x) / sx) : 0;
}

/** A square of `side` px centred at (cx, cy), rotated by `angle`, rendered at `size` px: transform and inverse map. */
function rotatedSquare(cx: number, cy: number, side: number, size: number, angle: number) {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const s = side / size;
  const u0 = 0.5 * s - side / 2;
  return {
    transform: [
      cos * s,
      -sin * s,
      cx - 0.5 + cos * u0 - sin * u0,
      sin * s,
      cos * s,
      cy - 0.5 + sin * u0 + cos * u0,
      0,
      0,
    ],
    /** Continuous patch coordinates → continuous image coordinates. */
    toImage(u: number, v: number) {
      const du = u * s - side / 2;
      const dv = v * s - side / 2;
      return { x: cx + cos * du - sin * dv, y: cy + sin * du + cos * dv };
    },
  };
}

/** Head turned far to a side: the nose tip lies far from the eyes' midpoint along the eye line. */
function turnedAway(keypoints: Keypoint[]): boolean {
  const get = (n: FaceKeypointName) => keypoints.find((k) => k.name === n);
  const re = get('rightEye');
  const le = get('leftEye');
  const nose = get('noseTip');
  if (!re || !le || !nose) return false;
  const ex = le.x - re.x;
  const ey = le.y - re.y;
  const e2 = ex * ex + ey * ey;
  if (e2 === 0) return true;
  const t = ((nose.x - (re.x + le.x) / 2) * ex + (nose.y - (re.y + le.y) / 2) * ey) / e2;
  return Math.abs(t) > 0.45;
}

/**
 * Loads the models (shipped with the package unless the config says otherwise), starts a backend and
 * resolves to a ready detector. Rejects with `invalid-config`, `model-load` or `backend`.
 */
export function createEmotionDetector(config?: EmotionDetectorConfig): Promise<EmotionDetector> {
  return EmotionDetector.create(config);
}
