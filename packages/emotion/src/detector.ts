import { EMOTION_LABELS, type EmotionLabel } from '@moodiary/core';
import * as tf from '@tensorflow/tfjs';
import { ensureBackend, switchBackend, webglCanvas } from './backend.js';
import { BlazeFace } from './blazeface.js';
import { applyCalibration, isCalibration, MIN_CALIBRATION_SAMPLES, type Calibration } from './calibration.js';
import { Classifier, toProbabilities } from './classifier.js';
import { validateConfig, type ResolvedConfig } from './config.js';
import { cropGeometry, cutCrops, type CropGeometry } from './crop.js';
import type { CompiledDescriptor } from './descriptor.js';
import { EmotionError } from './errors.js';
import { BackendChangeEvent, type EmotionDetectorEventMap } from './events.js';
import { faceReasons, findFaces, grayStats, pictureReasons } from './faces.js';
import { readInput, type Pixels } from './image.js';
import { LoadProgress, loadModelFiles, markStage, modelFetch, type ModelFiles } from './model-files.js';
import type {
  Box,
  CropClassification,
  EmotionClassification,
  EmotionDetectorConfig,
  EmotionEstimate,
  EstimateOptions,
  EmotionFace,
  EmotionInput,
  Estimator,
  UncertainReason,
} from './types.js';

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;
const now = () => performance.now();

/**
 * Finds faces and estimates six facial-expression probabilities for each, on the device.
 * Create with {@link createEmotionDetector}. Dispatches `backendchange` ({@link BackendChangeEvent}).
 */
export class EmotionDetector extends EventTarget implements Estimator {
  private faceDetector: BlazeFace | undefined;
  private classifier: Classifier | undefined;
  /** The person this detector reads for (`setCalibration`); null: the model as it is. */
  private calibration: Calibration | null = null;
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
    private readonly loaded: ModelFiles,
    backend: string,
  ) {
    super();
    this.backendName = backend;
  }

  /** @internal use {@link createEmotionDetector}. */
  static async create(config?: EmotionDetectorConfig): Promise<EmotionDetector> {
    const cfg = validateConfig(config);
    const progress = new LoadProgress(cfg.onProgress);
    const [backend, loaded] = await Promise.all([
      ensureBackend(cfg.backend, cfg.wasmPaths).then((name) => {
        markStage('backend-ready', name);
        progress.set('backend', 1);
        return name;
      }),
      loadModelFiles(cfg, modelFetch(cfg), progress).then((loaded) => {
        markStage('models-fetched');
        return loaded;
      }),
    ]);
    const detector = new EmotionDetector(cfg, loaded, backend);
    await detector.build();
    markStage('models-built');
    progress.set('build', 1);
    return detector;
  }

  private async build() {
    const fd = await BlazeFace.create(
      this.loaded.detectorArtifacts,
      this.loaded.detectorUrl,
      this.config.detectorRange,
      this.config.maxFaces,
    );
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

  private async ready(): Promise<{ fd: BlazeFace; cl: Classifier }> {
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
  async estimate(input: EmotionInput, options: EstimateOptions = {}): Promise<EmotionEstimate> {
    if (options.views !== undefined && options.views !== 'all' && options.views !== 'one')
      throw new EmotionError('invalid-config', `views must be 'all' or 'one', got ${String(options.views)}.`);
    return this.retryAcrossSwitch(() => this.estimateOnce(input, options.views === 'one'));
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

  private async estimateOnce(input: EmotionInput, onePass: boolean): Promise<EmotionEstimate> {
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
      const found = await findFaces(fd, pixels.tensor, pixels.width, pixels.height, this.config);
      const t2 = now();
      if (found.length === 0) {
        if (this.config.noFace === 'error')
          throw new EmotionError('no-face', 'No face was found in the image.', {
            details: { width: pixels.width, height: pixels.height },
          });
        return this.result([], pixels, { decode: t1 - t0, detect: t2 - t1, classify: 0, total: now() - t0 });
      }
      const geometry = found.map((f) => cropGeometry(f.box, f.keypoints, cl.descriptor, sx, sy, f.side));
      const { probs, stats } = await this.classifyCrops(cl, pixels.tensor, geometry, onePass);
      const faces: EmotionFace[] = found.map((f, i) => {
        const g = geometry[i]!;
        const reasons = faceReasons(f, sx, sy, cl.descriptor.input.width, pixels!, this.config.quality);
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
        const { width, height } = cl.descriptor.input;
        const modelSize = tf.image.resizeBilinear(raw, [height, width], false, true);
        return [cl.probabilities(cl.prepareWhole(p), this.useFlip, this.zooms), grayStats(modelSize)];
      });
      const [probs, stats] = await Promise.all([probsT.data(), statsT.data()]);
      tf.dispose([probsT, statsT]);
      const t2 = now();
      return {
        ...this.classification(Array.from(probs), Array.from(stats), []),
        model: { name: cl.descriptor.name, version: cl.descriptor.version },
        timings: { decode: round(t1 - t0), detect: 0, classify: round(t2 - t1), total: round(now() - t0) },
      };
    } catch (e) {
      throw this.wrap(e);
    } finally {
      pixels?.tensor.dispose();
    }
  }

  private classification(
    modelRow: number[],
    stats: number[],
    reasons: UncertainReason[],
  ): EmotionClassification {
    const personal = this.calibration;
    const probabilities = personal
      ? applyCalibration(toProbabilities(modelRow), personal)
      : toProbabilities(modelRow);
    const row = EMOTION_LABELS.map((l) => probabilities[l]);
    let best = 0;
    row.forEach((v, i) => (v > row[best]! ? (best = i) : 0));
    const confidence = row[best]!;
    reasons.push(...pictureReasons(stats, this.config.quality));
    if (confidence < this.config.abstainThreshold) reasons.unshift('low-confidence');
    return {
      probabilities,
      label: EMOTION_LABELS[best]!,
      confidence,
      uncertain: reasons.length > 0,
      uncertainReasons: reasons,
      personalized: personal !== null,
      ...(personal ? { modelProbabilities: toProbabilities(modelRow) } : {}),
    };
  }

  /**
   * Adjusts every later answer to one person (`fitCalibration` on their corrected and confirmed
   * entries); `null` turns it off. One fitted on fewer than `MIN_CALIBRATION_SAMPLES` answers changes nothing.
   */
  setCalibration(calibration: Calibration | null): void {
    if (calibration !== null && !isCalibration(calibration))
      throw new EmotionError('invalid-config', 'setCalibration takes what fitCalibration returns, or null.');
    this.calibration = calibration && calibration.samples >= MIN_CALIBRATION_SAMPLES ? calibration : null;
  }

  /** Probabilities and light statistics per face; the test-time zooms are taken from each model-size crop. */
  private async classifyCrops(cl: Classifier, image: tf.Tensor3D, geometry: CropGeometry[], onePass = false) {
    const [probsT, statsT] = tf.tidy(() => {
      const batch = cutCrops(image, geometry, cl.descriptor.input);
      const [flip, zooms] = onePass ? [false, [1]] : [this.useFlip, this.zooms];
      return [cl.probabilities(cl.prepare(batch), flip, zooms), grayStats(batch)];
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
        await fd.detect(blank);
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

/**
 * Loads the models (shipped with the package unless the config says otherwise), starts a backend and
 * resolves to a ready detector. Rejects with `invalid-config`, `model-load` or `backend`.
 */
export function createEmotionDetector(config?: EmotionDetectorConfig): Promise<EmotionDetector> {
  return EmotionDetector.create(config);
}
