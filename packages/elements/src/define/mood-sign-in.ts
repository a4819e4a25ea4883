import { defineElement } from '../internal/mood-element.js';
import { MoodSignIn } from '../mood-sign-in/mood-sign-in.js';

defineElement('mood-sign-in', MoodSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'mood-sign-in': MoodSignIn;
  }
}
