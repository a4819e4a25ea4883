/**
 * The drop-in bundle: `<script type="module" src="…/moodiary.js"></script>`
 * registers every Moodiary element. Model and wasm files are resolved beside it.
 */
export * from './index.js';
