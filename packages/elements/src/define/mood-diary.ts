import { defineElement } from '../internal/mood-element.js';
import { MoodDiary } from '../mood-diary/mood-diary.js';
import './mood-sign-in.js'; // a locked diary's first screen; the diary loads its other views after it

defineElement('mood-diary', MoodDiary);

declare global {
  interface HTMLElementTagNameMap {
    'mood-diary': MoodDiary;
  }
}
