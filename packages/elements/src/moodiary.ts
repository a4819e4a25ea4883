/**
 * The drop-in bundle: `<script type="module" src="…/moodiary.js"></script>`
 * registers every Moodiary element. Model and wasm files are resolved beside it.
 */
import './define/mood-songs.js';
import './define/mood-entry-form.js';
import './define/mood-camera.js';
import './define/mood-tracker.js';
import './define/mood-sign-in.js';
import './define/mood-settings.js';
import './define/mood-diary.js';

export * from './index.js';

import { setDefaultDetectorConfig, setDefaultDetectorWorker } from './internal/defaults.js';
import { VERSION } from './version.js';

// In the bundle, the models, the wasm files and the worker sit beside moodiary.js. The model files
// are kept in Cache Storage per version: a reload or a visit offline reads them without asking the host.
setDefaultDetectorConfig({
  modelBaseUrl: new URL('./models/', import.meta.url).href,
  wasmPaths: new URL('./', import.meta.url).href,
  modelCache: `moodiary-models-${VERSION}`,
});
setDefaultDetectorWorker(new URL('./moodiary-worker.js', import.meta.url));
