export { MoodElement, defineElement } from './internal/mood-element.js';
export { VERSION } from './version.js';
