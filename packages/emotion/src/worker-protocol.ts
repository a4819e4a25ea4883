import type { Calibration } from './calibration.js';
import type { EmotionDetectorConfig, EstimateOptions } from './types.js';

/** Inputs as they cross to the worker. */
export type WireInput =
  | { kind: 'bitmap'; bitmap: ImageBitmap }
  | { kind: 'imagedata'; data: Uint8ClampedArray; width: number; height: number }
  | { kind: 'blob'; blob: Blob }
  | { kind: 'bytes'; bytes: Uint8Array }
  | {
      kind: 'tensor';
      data: Float32Array | Int32Array | Uint8Array;
      shape: [number, number, number];
      dtype: string;
    };

export type WorkerRequest =
  | { id: number; op: 'create'; config: EmotionDetectorConfig }
  | { id: number; op: 'estimate'; input: WireInput; options?: EstimateOptions }
  | { id: number; op: 'classify'; input: WireInput }
  | { id: number; op: 'calibrate'; calibration: Calibration | null }
  | { id: number; op: 'warmup' | 'dispose' };

export type WorkerResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: string; message: string; details?: Record<string, unknown> } }
  | { id: -1; event: 'backendchange'; from: string; to: string; reason: 'webgl-context-lost' }
  | { id: -1; event: 'progress'; progress: number };
