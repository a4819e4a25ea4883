export { MoodElement, defineElement } from './internal/mood-element.js';
export type { MoodElementConstructor } from './internal/mood-element.js';
export { VERSION } from './version.js';
