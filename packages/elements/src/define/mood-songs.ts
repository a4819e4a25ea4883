import { defineElement } from '../internal/mood-element.js';
import { MoodSongs } from '../mood-songs/mood-songs.js';

defineElement('mood-songs', MoodSongs);

declare global {
  interface HTMLElementTagNameMap {
    'mood-songs': MoodSongs;
  }
}
