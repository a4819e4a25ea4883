import { defineElement } from '../internal/mood-element.js';
import { MoodCamera } from '../mood-camera/mood-camera.js';
import './mood-songs.js';
import './mood-entry-form.js';

defineElement('mood-camera', MoodCamera);

declare global {
  interface HTMLElementTagNameMap {
    'mood-camera': MoodCamera;
  }
}
