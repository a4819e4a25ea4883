import { defineElement } from '../internal/mood-element.js';
import { MoodEntryForm } from '../mood-entry-form/mood-entry-form.js';

defineElement('mood-entry-form', MoodEntryForm);

declare global {
  interface HTMLElementTagNameMap {
    'mood-entry-form': MoodEntryForm;
  }
}
