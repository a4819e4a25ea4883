import { defineElement } from '../internal/mood-element.js';
import { MoodDiary } from '../mood-diary/mood-diary.js';
import './mood-camera.js';
import './mood-tracker.js';
import './mood-songs.js';
import './mood-entry-form.js';
import './mood-sign-in.js';
import './mood-settings.js';

defineElement('mood-diary', MoodDiary);

declare global {
  interface HTMLElementTagNameMap {
    'mood-diary': MoodDiary;
  }
}
