import type { Estimator } from '@moodiary/emotion';
import type { SongMatcher, SongTitle } from '@moodiary/songs';
import type { MoodEntry, PassphraseStrength, ProfileDirectory } from '@moodiary/store';

/**
 * The real implementations, loaded only when a host did not plug in its own.
 * Dynamic imports keep `@moodiary/emotion` (and tfjs) out of pages that never use the camera.
 */

export interface DetectorOptions {
  /**
   * Called with `@moodiary/emotion`'s own loading progress (0–1, its one scale, passed through as is),
   * or `null` when progress is unknown.
   */
  onProgress?: (progress: number | null) => void;
  /** Passed to `createEmotionDetector(config)` (e.g. `modelBaseUrl`). */
  config?: Record<string, unknown>;
  /** When aborted (the asking element left the page), `onProgress` is no longer called or kept. */
  signal?: AbortSignal;
}

export type DetectorFactory = (options: DetectorOptions) => Promise<Estimator>;

let baseConfig: Record<string, unknown> = {};
let workerUrl: string | URL | false | undefined;

/**
 * Sets the config every default detector starts from (the drop-in bundle points
 * `modelBaseUrl` and `wasmPaths` at the files beside `moodiary.js`). Element
 * `detectorConfig` is merged over it.
 */
export function setDefaultDetectorConfig(config: Record<string, unknown>): void {
  baseConfig = { ...config };
}

/**
 * Where the default detector's module worker is loaded from. By default (`undefined`) the models run in
 * `@moodiary/emotion`'s own `worker.js`, keeping the page responsive while they load and run; the drop-in
 * bundle points it at `moodiary-worker.js` beside itself. `false` keeps them on the main thread. Where a
 * worker cannot start (no module workers or OffscreenCanvas, the file missing, a `worker-src` policy)
 * the detector runs on the main thread instead.
 */
export function setDefaultDetectorWorker(url: string | URL | false | undefined): void {
  workerUrl = url;
}

const canUseWorker = () =>
  workerUrl !== false && typeof Worker === 'function' && typeof OffscreenCanvas === 'function';

/** The detector in a module worker, or `null` when the worker could not start (code `worker`). */
async function createWorkerDetector(
  config: Record<string, unknown>,
  onProgress: ((progress: number | null) => void) | undefined,
): Promise<Estimator | null> {
  const { createEmotionWorker } = await import('@moodiary/emotion/worker-client');
  let detector: Awaited<ReturnType<typeof createEmotionWorker>> | undefined;
  try {
    detector = await createEmotionWorker(
      { ...config, onProgress } as Parameters<typeof createEmotionWorker>[0],
      workerUrl ? { workerUrl } : {},
    );
    await detector.warmup();
    return detector;
  } catch (error) {
    detector?.dispose();
    if ((error as { code?: string }).code === 'worker') {
      console.warn('Moodiary: the emotion worker could not start; running the models on the page.', error);
      return null;
    }
    throw error;
  }
}

async function createDefaultDetector(
  config: Record<string, unknown>,
  onProgress: ((progress: number | null) => void) | undefined,
  inWorker = false,
): Promise<Estimator> {
  if (inWorker && canUseWorker()) {
    const detector = await createWorkerDetector(config, onProgress);
    if (detector) return detector;
  }
  const { createEmotionDetector } = await import('@moodiary/emotion');
  const detector = await createEmotionDetector({ ...config, onProgress } as Parameters<
    typeof createEmotionDetector
  >[0]);
  await detector.warmup();
  return detector;
}

interface SharedDetector {
  detector: Promise<Estimator>;
  /** Who hears the loading progress; emptied once loaded. */
  listeners: Set<(p: number | null) => void>;
  loading: boolean;
}

/** One default detector per config, shared by every element of the page (models load once). */
const shared = new Map<string, SharedDetector>();

/**
 * Starts loading a shared detector. A module-level function on purpose: closures made inside
 * `defaultDetectorFactory` would share its scope, and with it the first caller's `onProgress` and so
 * that element, for as long as the detector lives.
 */
function startSharedDetector(key: string, config: Record<string, unknown>): SharedDetector {
  const listeners = new Set<(p: number | null) => void>();
  const entry: SharedDetector = {
    detector: createDefaultDetector(config, (p) => listeners.forEach((l) => l(p)), true),
    listeners,
    loading: true,
  };
  entry.detector.then(
    () => {
      entry.loading = false;
      listeners.clear();
    },
    () => shared.delete(key),
  );
  return entry;
}

/**
 * `@moodiary/emotion`'s detector, created once per config and shared: a camera that is removed
 * and added again (a tab switch, a route change) reuses it instead of loading the models again, and
 * the page holds one set of model tensors however many cameras come and go. Configs that cannot be
 * written as JSON (e.g. an `io.IOHandler`) get a detector of their own.
 */
export const defaultDetectorFactory: DetectorFactory = ({ onProgress, config, signal } = {}) => {
  const merged = { ...baseConfig, ...config };
  let key: string | undefined;
  try {
    key = JSON.stringify(merged, (_k, v: unknown) => {
      if (typeof v === 'function' || (typeof v === 'object' && v !== null && 'load' in v))
        throw new Error('not JSON');
      return v;
    });
  } catch {
    key = undefined;
  }
  // Functions and IOHandlers cannot be posted to a worker: such configs run on the page.
  if (key === undefined) return createDefaultDetector(merged, onProgress);
  let entry = shared.get(key);
  if (!entry) shared.set(key, (entry = startSharedDetector(key, merged)));
  // Progress listeners hold their element: keep them only while the models load and the element stays.
  if (onProgress && entry.loading && !signal?.aborted) {
    const { listeners } = entry;
    listeners.add(onProgress);
    signal?.addEventListener('abort', () => listeners.delete(onProgress), { once: true });
  }
  return entry.detector;
};

/** True for detectors from {@link defaultDetectorFactory}'s shared pool (never disposed by an element). */
export async function isSharedDetector(detector: Estimator): Promise<boolean> {
  for (const entry of shared.values()) if ((await entry.detector.catch(() => null)) === detector) return true;
  return false;
}

type SongsSdk = typeof import('@moodiary/songs');
let songs: Promise<SongsSdk> | undefined;

/** `@moodiary/songs`, loaded once, when a song is first shown: its rules (the song of each day, liked and hidden songs, playlists). */
export function songsSdk(): Promise<SongsSdk> {
  songs ??= import('@moodiary/songs');
  songs.catch(() => (songs = undefined));
  return songs;
}
/** `matchSongs` from `@moodiary/songs`, loaded once. */
export async function defaultSongMatcher(): Promise<SongMatcher> {
  return (await songsSdk()).matchSongs;
}

/** The default song catalogue of `@moodiary/songs`, to show titles of song ids. */
export async function defaultCatalogue(): Promise<readonly SongTitle[]> {
  return (await songsSdk()).DEFAULT_CATALOGUE;
}

const diaries = new Map<string, Promise<ProfileDirectory>>();
/**
 * The device's diary (`openDiary()` from `@moodiary/store`), opened once per page and options.
 * `allowThumbnails` lets entries keep the small photo the user opted into.
 */
export function defaultDiary(options: { allowThumbnails?: boolean } = {}): Promise<ProfileDirectory> {
  const key = JSON.stringify(options);
  let diary = diaries.get(key);
  if (!diary) {
    diary = import('@moodiary/store').then((m): Promise<ProfileDirectory> => m.openDiary(options));
    diaries.set(key, diary);
    diary.catch(() => diaries.delete(key));
  }
  return diary;
}

/** The export and import formats of `@moodiary/store` (pure functions over entries). */
export interface Exchange {
  toJsonExport(entries: readonly MoodEntry[]): string;
  toCsv(entries: readonly MoodEntry[]): string;
  readJsonExport(text: string): MoodEntry[];
  readCsvExport(text: string): MoodEntry[];
  /**
   * Seals a JSON export under a passphrase (an encrypted backup); `weak-passphrase` when it is easy
   * to guess, `userInputs` (the profile name) counting as easy.
   */
  encrypt(json: string, passphrase: string, userInputs?: readonly string[]): Promise<string>;
  /** Opens an encrypted backup; rejects with `wrong-passphrase` or `import-invalid`. */
  decrypt(text: string, passphrase: string): Promise<string>;
  /** True for an encrypted backup (read from the file's start). */
  isEncrypted(text: string): boolean;
}

let exchange: Promise<Exchange> | undefined;
/** `@moodiary/store`'s versioned JSON and spreadsheet-safe CSV formats, loaded once. */
export function storeExchange(): Promise<Exchange> {
  exchange ??= import('@moodiary/store').then((m) => ({
    toJsonExport: (entries) => m.toJsonExport(entries),
    toCsv: (entries) => m.toCsv(entries),
    readJsonExport: (text) => m.readJsonExport(text),
    readCsvExport: (text) => m.readCsvExport(text),
    encrypt: (json, passphrase, userInputs = []) => m.encryptJsonExport(json, passphrase, { userInputs }),
    decrypt: (text, passphrase) => m.decryptJsonExport(text, passphrase),
    isEncrypted: (text) => m.isEncryptedJsonExport(text),
  }));
  exchange.catch(() => (exchange = undefined));
  return exchange;
}

/**
 * How hard a new passphrase is to guess, by `@moodiary/store`'s rule (the one `createProfile` and
 * encrypted backups apply). Its dictionaries load on the first call, so only forms that set a
 * passphrase download them.
 */
export async function passphraseStrength(
  passphrase: string,
  userInputs: readonly string[] = [],
): Promise<PassphraseStrength> {
  const store = await import('@moodiary/store');
  return store.passphraseStrength(passphrase, userInputs);
}
