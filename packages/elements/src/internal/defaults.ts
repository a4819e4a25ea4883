import type { DetectorLike, SongMatcher } from './types.js';

/**
 * The real implementations, loaded only when a host did not plug in its own.
 * Dynamic imports keep `@moodiary/emotion` (and tfjs) out of pages that never use the camera.
 */

export interface DetectorOptions {
  /** Called with 0–1 while the model loads, or `null` when progress is unknown. */
  onProgress?: (progress: number | null) => void;
  /** Passed to `createEmotionDetector(config)` (e.g. `modelBaseUrl`). */
  config?: Record<string, unknown>;
}

export type DetectorFactory = (options: DetectorOptions) => Promise<DetectorLike>;

let baseConfig: Record<string, unknown> = {};

/**
 * Sets the config every default detector starts from (the drop-in bundle points
 * `modelBaseUrl` and `wasmPaths` at the files beside `moodiary.js`). Element
 * `detectorConfig` is merged over it.
 */
export function setDefaultDetectorConfig(config: Record<string, unknown>): void {
  baseConfig = { ...config };
}

/** Creates `@moodiary/emotion`'s detector and warms it up, reporting coarse progress. */
export const defaultDetectorFactory: DetectorFactory = async ({ onProgress, config } = {}) => {
  onProgress?.(0.05);
  const { createEmotionDetector } = await import('@moodiary/emotion');
  onProgress?.(0.3);
  const detector = await createEmotionDetector({ ...baseConfig, ...config });
  onProgress?.(0.8);
  await detector.warmup();
  return detector as unknown as DetectorLike;
};

let matcher: Promise<SongMatcher> | undefined;
/** `matchSongs` from `@moodiary/songs`, loaded once. */
export function defaultSongMatcher(): Promise<SongMatcher> {
  // TODO(songs): switch to `import('@moodiary/songs')` once packages/songs/src/index.ts lands.
  matcher ??= import('../../../songs/src/match.js').then((m) => m.matchSongs as unknown as SongMatcher);
  return matcher;
}
