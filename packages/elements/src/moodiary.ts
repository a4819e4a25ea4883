/**
 * The drop-in bundle: `<script type="module" src="…/moodiary.js"></script>` registers every Moodiary
 * element. Model and wasm files are resolved beside it.
 *
 * A page loads only the elements it shows (see `loadElements`), so its first load is small. The
 * classes are in `@moodiary/elements`; this file exports what a host needs without them (events,
 * errors, the default detector's settings, `loadElements`).
 */
import { setDefaultDetectorConfig, setDefaultDetectorWorker } from './internal/defaults.js';
import { VERSION } from './version.js';

export { VERSION, setDefaultDetectorConfig, setDefaultDetectorWorker };
export { ElementsError, isElementsError, type ElementsErrorCode } from './internal/errors.js';
export * from './internal/events.js';

// In the bundle, the models, the wasm files and the worker sit beside moodiary.js. The model files
// are kept in Cache Storage per version: a reload or a visit offline reads them without asking the host.
setDefaultDetectorConfig({
  modelBaseUrl: new URL('./models/', import.meta.url).href,
  wasmPaths: new URL('./', import.meta.url).href,
  modelCache: `moodiary-models-${VERSION}`,
});
setDefaultDetectorWorker(new URL('./moodiary-worker.js', import.meta.url));

/** Each tag's registration (a define file also registers the elements its element contains). */
const DEFINES: Readonly<Record<string, () => Promise<unknown>>> = {
  'mood-diary': () => import('./define/mood-diary.js'),
  'mood-camera': () => import('./define/mood-camera.js'),
  'mood-tracker': () => import('./define/mood-tracker.js'),
  'mood-songs': () => import('./define/mood-songs.js'),
  'mood-entry-form': () => import('./define/mood-entry-form.js'),
  'mood-sign-in': () => import('./define/mood-sign-in.js'),
  'mood-settings': () => import('./define/mood-settings.js'),
};

const loading = new Map<string, Promise<void>>();

/**
 * Loads and registers the given elements (every one without arguments); resolves once they are
 * defined. The drop-in does it by itself for tags in the page, now or added later; a host calls it
 * for tags it puts inside its own shadow roots, which the page cannot see into.
 */
export function loadElements(...tags: string[]): Promise<void> {
  const wanted = tags.length ? tags : Object.keys(DEFINES);
  return Promise.all(
    wanted.map((tag) => {
      const define = DEFINES[tag];
      if (!define) return Promise.reject(new TypeError(`Moodiary has no element <${tag}>.`));
      let done = loading.get(tag);
      if (!done) {
        done = define().then(
          () => undefined,
          (error: unknown) =>
            console.warn(`Moodiary: <${tag}> could not be loaded (is moodiary-chunks/ hosted?).`, error),
        );
        loading.set(tag, done);
      }
      return done;
    }),
  ).then(() => undefined);
}

/** Loads the elements found under `root` that are not loaded yet. */
function loadFound(root: ParentNode): void {
  for (const tag of Object.keys(DEFINES))
    if (!loading.has(tag) && ((root as Element).localName === tag || root.querySelector(tag)))
      void loadElements(tag);
}

// A page loads only the elements it shows: those in it now, and those added to it later. (Each
// element loads the ones it contains itself.)
if (typeof document !== 'undefined') {
  loadFound(document);
  const watcher = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) if (node instanceof Element) loadFound(node);
    if (loading.size === Object.keys(DEFINES).length) watcher.disconnect();
  });
  watcher.observe(document.documentElement, { childList: true, subtree: true });
}
