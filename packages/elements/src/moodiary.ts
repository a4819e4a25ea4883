/**
 * The drop-in bundle: `<script type="module" src="…/moodiary.js"></script>`
 * registers every Moodiary element. Model and wasm files are resolved beside it.
 */
import './define/mood-songs.js';
import './define/mood-camera.js';
import './define/mood-tracker.js';

export * from './index.js';
