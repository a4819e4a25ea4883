/**
 * The module worker behind {@link createEmotionWorker}: hosts one EmotionDetector and answers requests.
 * Bundlers pick it up through `new URL('./worker.js', import.meta.url)`.
 */
import * as tf from '@tensorflow/tfjs';
import { createEmotionDetector, type EmotionDetector } from './detector.js';
import { markStage } from './model-files.js';
import { EmotionError } from './errors.js';
import type { EmotionInput } from './types.js';
import type { WireInput, WorkerRequest, WorkerResponse } from './worker-protocol.js';

const scope = globalThis as unknown as {
  postMessage(message: WorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
};
let detector: EmotionDetector | undefined;
let estimates = 0;
markStage('worker-loaded'); // this module and TF.js are fetched, parsed and run

function toInput(wire: WireInput): { input: EmotionInput; cleanup: () => void } {
  switch (wire.kind) {
    case 'bitmap':
      return { input: wire.bitmap, cleanup: () => wire.bitmap.close() };
    case 'imagedata':
      return {
        input: new ImageData(wire.data as Uint8ClampedArray<ArrayBuffer>, wire.width, wire.height),
        cleanup: () => {},
      };
    case 'blob':
      return { input: wire.blob, cleanup: () => {} };
    case 'bytes':
      return { input: wire.bytes, cleanup: () => {} };
    case 'tensor': {
      const t = tf.tensor3d(wire.data, wire.shape, wire.dtype as 'float32' | 'int32');
      return { input: t, cleanup: () => t.dispose() };
    }
  }
}

async function handle(request: WorkerRequest): Promise<unknown> {
  if (request.op === 'create') {
    detector = await createEmotionDetector({
      ...request.config,
      onProgress: (progress) => scope.postMessage({ id: -1, event: 'progress', progress }),
    });
    detector.addEventListener('backendchange', (e) =>
      scope.postMessage({ id: -1, event: 'backendchange', from: e.from, to: e.to, reason: e.reason }),
    );
    return {
      backend: detector.backend,
      model: detector.model,
      descriptor: detector.descriptor,
    };
  }
  if (!detector) throw new EmotionError('disposed', 'The worker has no detector.');
  switch (request.op) {
    case 'estimate':
    case 'classify': {
      const { input, cleanup } = toInput(request.input);
      const first = request.op === 'estimate' && estimates++ === 0;
      if (first) markStage('first-estimate-start');
      try {
        return request.op === 'estimate'
          ? await detector.estimate(input, request.options)
          : await detector.classify(input);
      } finally {
        if (first) markStage('first-estimate-done');
        cleanup();
      }
    }
    case 'calibrate':
      return detector.setCalibration(request.calibration);
    case 'warmup':
      return detector.warmup();
    case 'dispose':
      detector.dispose();
      return undefined;
  }
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  handle(request).then(
    (value) => {
      try {
        scope.postMessage({ id: request.id, ok: true, value });
      } catch (e) {
        // never leave the caller waiting: an answer that cannot be cloned becomes an error
        scope.postMessage({
          id: request.id,
          ok: false,
          error: {
            code: 'worker',
            message: `The worker could not send its answer: ${(e as Error)?.message ?? e}`,
          },
        });
      }
    },
    (e: unknown) => {
      const error =
        e instanceof EmotionError
          ? e.toJSON()
          : { code: 'worker', message: `The worker failed: ${(e as Error)?.message ?? e}`, details: {} };
      scope.postMessage({ id: request.id, ok: false, error });
    },
  );
});
