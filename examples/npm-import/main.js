// Import only what the page uses: each `define/*.js` registers one element (and what it needs).
import '@moodiary/elements/define/mood-camera.js';
import '@moodiary/elements/define/mood-tracker.js';
import { MoodSavedEvent } from '@moodiary/elements';
import { createMemoryStore } from '@moodiary/store';

// A plain in-memory store (a host with its own accounts would use createIndexedDbStore()).
const store = await createMemoryStore();
const camera = document.querySelector('mood-camera');
const tracker = document.querySelector('mood-tracker');
camera.store = store;
// The model and wasm files are served from this site (copied to public/, see README.md).
camera.detectorConfig = {
  modelBaseUrl: new URL('./models/', document.baseURI).href,
  wasmPaths: new URL('./', document.baseURI).href,
};
tracker.store = store;

camera.addEventListener(MoodSavedEvent.eventName, (event) => {
  document.querySelector('#status').textContent = `Saved: ${event.detail.entry.label}`;
});
