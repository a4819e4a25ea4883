import { defineElement } from '../internal/mood-element.js';
import { MoodAccount } from '../mood-account/mood-account.js';

defineElement('mood-account', MoodAccount);

declare global {
  interface HTMLElementTagNameMap {
    'mood-account': MoodAccount;
  }
}
