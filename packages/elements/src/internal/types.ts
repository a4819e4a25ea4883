import type { EmotionLabel } from '@moodiary/core';
import type { MoodEntry } from '@moodiary/store';

// Only what is the elements' own: the entry form's value and problems, and the camera's draft. Every
// SDK type (entries, stores, detectors, songs) is imported from its package, with the interfaces a
// host's own store, detector or matcher must provide (`EntryStore`, `Estimator`, `SongMatcher`…).

/**
 * The entry `<mood-camera>` is about to save (the `mood-save` event's `draft`): a whole entry but
 * for what the store adds (`id`, `updatedAt`).
 */
export type MoodEntryDraft = Omit<MoodEntry, 'id' | 'updatedAt' | 'deletedAt'>;

/**
 * What `<mood-entry-form>` edits: the words of an entry. `label` is `null` until one is chosen; tags
 * are read from what was typed (see `readTags`); `localDate` is the diary day (`''` in a value given to
 * the form means today).
 */
export interface MoodEntryValue {
  readonly label: EmotionLabel | null;
  readonly note: string;
  readonly tags: readonly string[];
  readonly localDate: string;
}

/**
 * Why `<mood-entry-form>` cannot be submitted as it is (stable codes): no label chosen, no day or a
 * day after today, more tags or longer tags or a longer note than an entry holds.
 */
export type MoodEntryProblem =
  'label-missing' | 'date-missing' | 'date-future' | 'too-many-tags' | 'tag-too-long' | 'note-too-long';
