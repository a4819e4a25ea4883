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
tracker.store = store;

camera.addEventListener(MoodSavedEvent.eventName, (event) => {
  document.querySelector('#status').textContent = `Saved: ${event.detail.entry.label}`;
});
