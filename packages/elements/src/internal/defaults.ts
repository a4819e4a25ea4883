import { ElementsError } from './errors.js';
import type { DetectorLike, SongMatcher } from './types.js';

/**
 * The real implementations, loaded only when a host did not plug in its own.
 * Dynamic imports keep `@moodiary/emotion` (and tfjs) out of pages that never use the camera.
 */

export interface DetectorOptions {
  /** Called with 0–1 while the model loads, or `null` when progress is unknown. */
  onProgress?: (progress: number | null) => void;
  /** Passed to `createEmotionDetector` (e.g. `modelBaseUrl`). */
  config?: Record<string, unknown>;
}

export type DetectorFactory = (options: DetectorOptions) => Promise<DetectorLike>;

/** Creates `@moodiary/emotion`'s detector. */
export const defaultDetectorFactory: DetectorFactory = async () => {
  throw new ElementsError('model-load', '@moodiary/emotion is not available yet.');
};

let matcher: Promise<SongMatcher> | undefined;
/** `matchSongs` from `@moodiary/songs`, loaded once. */
export function defaultSongMatcher(): Promise<SongMatcher> {
  matcher ??= Promise.reject(new Error('@moodiary/songs is not available yet.'));
  return matcher;
}
