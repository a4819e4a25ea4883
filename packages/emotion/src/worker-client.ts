import type { EmotionLabel } from '@moodiary/core';
import type { Tensor } from '@tensorflow/tfjs';
import type { Calibration } from './calibration.js';
import { validateConfig } from './config.js';
import { BackendChangeEvent, type EmotionDetectorEventMap } from './events.js';
import type { CompiledDescriptor } from './descriptor.js';
import { EmotionError, emotionErrorFromJSON, type EmotionErrorCode } from './errors.js';
import type {
  CropClassification,
  EmotionDetectorConfig,
  EmotionEstimate,
  EstimateOptions,
  EmotionInput,
  Estimator,
} from './types.js';
import type { WireInput, WorkerRequest, WorkerResponse } from './worker-protocol.js';

export interface EmotionWorkerOptions {
  /** URL of the worker module. Default: `worker.js` beside this module. */
  workerUrl?: string | URL;
  /** Or a ready Worker (created with `{ type: 'module' }`). */
  worker?: Worker;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const isA = <T>(value: unknown, name: string): value is T =>
  typeof (globalThis as Record<string, unknown>)[name] === 'function' &&
  value instanceof ((globalThis as Record<string, unknown>)[name] as new () => T);

/** Converts an input for posting; drawables become ImageBitmaps that are transferred (never the caller's own). */
async function toWire(input: EmotionInput): Promise<{ wire: WireInput; transfer: Transferable[] }> {
  if (input && typeof (input as Tensor).dataSync === 'function' && (input as Tensor).rank !== undefined) {
    const t = input as unknown as Tensor;
    const data = (await t.data()) as Float32Array | Int32Array;
    return {
      wire: { kind: 'tensor', data, shape: t.shape as [number, number, number], dtype: t.dtype },
      transfer: [data.buffer],
    };
  }
  if (isA<Blob>(input, 'Blob')) return { wire: { kind: 'blob', blob: input }, transfer: [] };
  if (input instanceof ArrayBuffer)
    return { wire: { kind: 'bytes', bytes: new Uint8Array(input.slice(0)) }, transfer: [] };
  if (input instanceof Uint8Array) return { wire: { kind: 'bytes', bytes: input.slice() }, transfer: [] };
  if (isA<ImageData>(input, 'ImageData'))
    return {
      wire: { kind: 'imagedata', data: input.data, width: input.width, height: input.height },
      transfer: [],
    };
  // Size checks happen in the worker; here refuse what cannot become a bitmap with the same errors.
  if (isA<HTMLImageElement>(input, 'HTMLImageElement') && (!input.complete || input.naturalWidth === 0))
    throw new EmotionError(
      'bad-image',
      input.complete
        ? 'The <img> is broken (it failed to load or decode).'
        : 'The <img> has not finished loading; await img.decode() first.',
      {
        details: { reason: input.complete ? 'corrupt' : 'not-ready' },
      },
    );
  if (isA<HTMLVideoElement>(input, 'HTMLVideoElement') && (input.readyState < 2 || input.videoWidth === 0))
    throw new EmotionError('bad-image', 'The <video> has no frame yet; wait for its "loadeddata" event.', {
      details: { reason: 'not-ready' },
    });
  const drawable =
    isA(input, 'HTMLImageElement') ||
    isA(input, 'HTMLVideoElement') ||
    isA(input, 'HTMLCanvasElement') ||
    isA(input, 'ImageBitmap') ||
    isA(input, 'OffscreenCanvas');
  if (!drawable)
    throw new EmotionError(
      'bad-image',
      'Unsupported input: pass an <img>, <canvas>, <video>, OffscreenCanvas, ImageBitmap, ImageData, Blob/File, encoded bytes or a Tensor3D.',
      {
        details: { reason: 'unsupported-input' },
      },
    );
  const { width, height } = input as { width: number; height: number };
  if (isA(input, 'HTMLCanvasElement') || isA(input, 'OffscreenCanvas') || isA(input, 'ImageBitmap'))
    if (!(width > 0 && height > 0))
      throw new EmotionError('bad-image', `The image is empty (${width}×${height} pixels).`, {
        details: { reason: 'empty', width, height },
      });
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(input as ImageBitmapSource);
  } catch (cause) {
    throw new EmotionError(
      'bad-image',
      `The image could not be read (${(cause as Error)?.message ?? cause}).`,
      { details: { reason: 'corrupt' }, cause },
    );
  }
  return { wire: { kind: 'bitmap', bitmap }, transfer: [bitmap] };
}

/**
 * The same API as {@link EmotionDetector}, running in a module Web Worker so the page stays
 * responsive. Create with {@link createEmotionWorker}.
 */
export class EmotionWorkerDetector extends EventTarget implements Estimator {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  private disposed = false;
  /** @internal */
  onProgress: ((progress: number) => void) | undefined;
  private info!: {
    backend: string;
    model: { name: string; version: string; labels: readonly EmotionLabel[]; url: string };
    descriptor: CompiledDescriptor;
  };

  /** @internal use {@link createEmotionWorker}. */
  constructor(private readonly worker: Worker) {
    super();
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      const m = event.data;
      if ('event' in m && m.event === 'progress') {
        this.onProgress?.(m.progress);
        return;
      }
      if ('event' in m) {
        this.info.backend = m.to;
        this.dispatchEvent(new BackendChangeEvent(m.from, m.to, m.reason));
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(emotionErrorFromJSON({ ...m.error, code: m.error.code as EmotionErrorCode }));
    });
    worker.addEventListener('error', (event) =>
      this.failAll(
        `The worker crashed or could not load: ${event.message || 'no message (check the worker URL)'}`,
      ),
    );
    worker.addEventListener('messageerror', () => this.failAll('A message to the worker could not be read.'));
  }

  private failAll(message: string) {
    for (const p of this.pending.values()) p.reject(new EmotionError('worker', message));
    this.pending.clear();
  }

  private call<T>(request: DistributiveOmit<WorkerRequest, 'id'>, transfer: Transferable[] = []): Promise<T> {
    if (this.disposed)
      return Promise.reject(
        new EmotionError('disposed', 'The emotion detector was disposed; create a new one.'),
      );
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }

  /** @internal */
  async init(config: EmotionDetectorConfig): Promise<void> {
    this.info = await this.call({ op: 'create', config });
  }

  get backend(): string {
    return this.info.backend;
  }
  get model() {
    return this.info.model;
  }
  get descriptor(): Readonly<CompiledDescriptor> {
    return this.info.descriptor;
  }
  get isDisposed(): boolean {
    return this.disposed;
  }

  async estimate(input: EmotionInput, options: EstimateOptions = {}): Promise<EmotionEstimate> {
    if (this.disposed)
      throw new EmotionError('disposed', 'The emotion detector was disposed; create a new one.');
    const { wire, transfer } = await toWire(input);
    return this.call({ op: 'estimate', input: wire, options }, transfer);
  }

  async classify(input: EmotionInput): Promise<CropClassification> {
    if (this.disposed)
      throw new EmotionError('disposed', 'The emotion detector was disposed; create a new one.');
    const { wire, transfer } = await toWire(input);
    return this.call({ op: 'classify', input: wire }, transfer);
  }

  /** `EmotionDetector.setCalibration`, in the worker: later answers are adjusted to one person. */
  setCalibration(calibration: Calibration | null): Promise<void> {
    // Checked by the detector in the worker: its invalid-config error comes back typed.
    return this.call({ op: 'calibrate', calibration });
  }

  warmup(): Promise<void> {
    return this.call({ op: 'warmup' });
  }

  /** Frees the models and terminates the worker. Later calls reject with `disposed`. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.worker.terminate();
    for (const p of this.pending.values())
      p.reject(new EmotionError('disposed', 'The emotion detector was disposed; create a new one.'));
    this.pending.clear();
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

/**
 * Starts a module worker running an {@link EmotionDetector} with `config`. Everything in the config must
 * be cloneable: URLs instead of IOHandlers, no `fetch` / `decodeImage` functions (`invalid-config` otherwise).
 */
export async function createEmotionWorker(
  config: EmotionDetectorConfig = {},
  options: EmotionWorkerOptions = {},
): Promise<EmotionWorkerDetector> {
  validateConfig(config);
  const { onProgress, ...rest } = config;
  config = rest;
  for (const field of ['fetch', 'decodeImage'] as const)
    if (config[field] !== undefined)
      throw new EmotionError(
        'invalid-config',
        `Invalid config "${field}": functions cannot be sent to a worker; use createEmotionDetector instead.`,
        {
          details: { field },
        },
      );
  const notCloneable = (v: unknown) =>
    typeof v === 'object' &&
    v !== null &&
    !(v instanceof URL) &&
    typeof (v as { load?: unknown }).load === 'function';
  if (
    notCloneable(config.faceDetectorModel) ||
    (typeof config.model === 'object' && notCloneable((config.model as { weights?: unknown }).weights))
  )
    throw new EmotionError(
      'invalid-config',
      'Invalid config: IOHandlers cannot be sent to a worker; give model URLs.',
      { details: { field: 'faceDetectorModel' } },
    );
  const here = typeof document === 'object' ? document.baseURI : globalThis.location?.href;
  const absolute = (u: string | URL | undefined) =>
    u === undefined ? undefined : new URL(String(u), here).href;
  const wire: EmotionDetectorConfig = { ...config };
  if (config.modelBaseUrl !== undefined) wire.modelBaseUrl = absolute(config.modelBaseUrl)!;
  if (typeof config.wasmPaths === 'string') wire.wasmPaths = absolute(config.wasmPaths)!;
  if (config.model instanceof URL) wire.model = config.model.href;
  if (config.faceDetectorModel instanceof URL) wire.faceDetectorModel = config.faceDetectorModel.href;
  if (typeof config.model === 'object' && !(config.model instanceof URL))
    wire.model = {
      ...config.model,
      ...(config.model.baseUrl ? { baseUrl: absolute(config.model.baseUrl)! } : {}),
      ...(config.model.weights instanceof URL ? { weights: config.model.weights.href } : {}),
    };
  let worker: Worker;
  try {
    // The literal `new Worker(new URL('./worker.js', import.meta.url), …)` is the pattern Vite and
    // webpack 5 recognise to bundle the worker for the host app.
    worker =
      options.worker ??
      (options.workerUrl
        ? new Worker(options.workerUrl, { type: 'module' })
        : new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
  } catch (cause) {
    throw new EmotionError(
      'worker',
      `Could not start the emotion worker: ${(cause as Error)?.message ?? cause}`,
      { cause },
    );
  }
  const client = new EmotionWorkerDetector(worker);
  client.onProgress = onProgress;
  try {
    await client.init(wire);
  } catch (e) {
    client.dispose();
    throw e;
  }
  return client;
}
