import { defineElement } from '../internal/mood-element.js';
import { MoodTracker } from '../mood-tracker/mood-tracker.js';
import './mood-entry-form.js';

defineElement('mood-tracker', MoodTracker);

declare global {
  interface HTMLElementTagNameMap {
    'mood-tracker': MoodTracker;
  }
}
