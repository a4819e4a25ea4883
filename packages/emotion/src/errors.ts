import { MoodError } from '@moodiary/core';

/**
 * Stable codes of {@link EmotionError}. Hosts branch on these; messages may change.
 *
 * - `invalid-config`: a config field has a wrong type or value (the message lists the valid values).
 * - `bad-image`: the input is not an image, is corrupt or truncated, zero-sized, not loaded yet, or a
 *   kind this runtime cannot decode. `details.reason` says which (see {@link BadImageReason}).
 * - `image-too-large`: more than `maxMegapixels` (default 100) megapixels.
 * - `no-face`: no face was found. Only thrown when `noFace: 'error'`; by default `estimate()` returns a
 *   result with `faces: []` and `noFace: true`.
 * - `model-load`: a model or descriptor file is missing, malformed, HTML, truncated or of the wrong
 *   shape. `details.url` names the file.
 * - `backend`: no TensorFlow.js backend could start (WebGL, WASM, CPU), or a backend failed mid-run.
 * - `disposed`: the detector was disposed.
 * - `worker`: the worker running the detector could not start or crashed (worker mode only).
 */
export type EmotionErrorCode =
  | 'invalid-config'
  | 'bad-image'
  | 'image-too-large'
  | 'no-face'
  | 'model-load'
  | 'backend'
  | 'disposed'
  | 'worker';

/** Why an input was refused with `bad-image` (in `error.details.reason`). */
export type BadImageReason =
  | 'unsupported-input'
  | 'not-an-image'
  | 'unsupported-format'
  | 'corrupt'
  | 'truncated'
  | 'empty'
  | 'not-ready';

/** Every error `@moodiary/emotion` throws or rejects with. */
export class EmotionError extends MoodError<EmotionErrorCode> {
  override readonly name: string = 'EmotionError';
}

export function badImage(
  reason: BadImageReason,
  message: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
): EmotionError {
  return new EmotionError('bad-image', message, { details: { reason, ...details }, cause });
}

export function modelLoad(
  url: string,
  message: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
) {
  return new EmotionError('model-load', `Could not load model file ${url}: ${message}`, {
    details: { url, ...details },
    cause,
  });
}

/** Reconstructs an EmotionError from its `toJSON()` form (used across the worker boundary). */
export function emotionErrorFromJSON(json: {
  code: EmotionErrorCode;
  message: string;
  details?: Record<string, unknown>;
}): EmotionError {
  return new EmotionError(json.code, json.message, { details: json.details ?? {} });
}
