import { defineElement } from '../internal/mood-element.js';
import { MoodSettings } from '../mood-settings/mood-settings.js';

defineElement('mood-settings', MoodSettings);

declare global {
  interface HTMLElementTagNameMap {
    'mood-settings': MoodSettings;
  }
}
