import { MoodError, isMoodError } from '@moodiary/core';

/** Camera failure codes, each with its own message in the UI. */
export type CameraErrorCode =
  | 'camera-denied'
  | 'camera-not-found'
  | 'camera-in-use'
  | 'insecure-context'
  | 'camera-blocked-by-policy'
  | 'camera-unsupported'
  | 'camera-failed';

/**
 * Stable codes of the errors the elements report (in `mood-error` events and
 * `CameraError`). Hosts branch on the code; messages are for people.
 *
 * - `camera-denied`: the user or browser refused camera access.
 * - `camera-not-found`: no camera on this device (or none matches).
 * - `camera-in-use`: the camera is busy in another app or tab, or failed to start.
 * - `insecure-context`: the page is not https / localhost, so there is no camera API.
 * - `camera-blocked-by-policy`: the host page's permissions policy forbids the camera (iframe without `allow="camera"`).
 * - `camera-unsupported`: this browser has no `getUserMedia`.
 * - `camera-failed`: any other camera failure.
 * - `bad-image`: a chosen or pasted file is not a readable image.
 * - `image-too-large`: a chosen photo has more pixels than the detector reads (`maxMegapixels`, 100 by default).
 * - `no-face`: no face in the picture.
 * - `model-load`: the detector could not be created.
 * - `detector-failed`: the detector failed on a picture.
 * - `save-failed`, `delete-failed`, `update-failed`, `load-failed`: the store refused.
 * - `profile-failed`: sign-up, log-in or lock failed (the cause carries the store's code).
 * - `import-failed`, `export-failed`.
 * - `settings-failed`: a profile setting (e.g. personalisation on or off) could not be kept.
 * - `sync-failed`: signing up or logging in on the sync server, or syncing, failed (the cause carries
 *   `@moodiary/store/sync`'s code: `network`, `bad-credentials`, `unauthorized`…).
 * - `invalid-entry`: host-supplied entries that cannot be shown (a label not among the six, a malformed
 *   date); they are left out and `details.ids` lists them.
 */
export type ElementsErrorCode =
  | CameraErrorCode
  | 'bad-image'
  | 'image-too-large'
  | 'no-face'
  | 'model-load'
  | 'detector-failed'
  | 'save-failed'
  | 'delete-failed'
  | 'update-failed'
  | 'load-failed'
  | 'profile-failed'
  | 'import-failed'
  | 'export-failed'
  | 'settings-failed'
  | 'sync-failed'
  | 'invalid-entry';

/** Every error the elements raise or report. */
export class ElementsError<Code extends ElementsErrorCode = ElementsErrorCode> extends MoodError<Code> {
  override readonly name: string = 'ElementsError';
}

/** True when `error` is an elements error, optionally with the given code. */
export function isElementsError<C extends ElementsErrorCode>(
  error: unknown,
  code?: C,
): error is ElementsError<C> {
  return isMoodError(error, code) && (error as MoodError).name === 'ElementsError';
}

/** Wraps anything thrown into an `ElementsError`, keeping the original as `cause`. */
export function toElementsError(error: unknown, code: ElementsErrorCode, message?: string): ElementsError {
  if (isElementsError(error)) return error;
  const text = message ?? (error instanceof Error ? error.message : String(error));
  // The cause's details (e.g. an image's size) stay readable on the wrapper, with the cause's code.
  const details: Record<string, unknown> = isMoodError(error)
    ? { ...(error.details as Record<string, unknown> | undefined), causeCode: error.code }
    : {};
  return new ElementsError(code, text, { cause: error, details });
}
