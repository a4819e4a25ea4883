import type { EmotionLabel, EmotionProbabilities } from '@moodiary/core';

/**
 * Small structural types for what the elements plug in. They match what
 * `@moodiary/emotion`, `@moodiary/store` and `@moodiary/songs` export, without
 * importing them, so a host can pass its own detector, store or song matcher.
 */

/** A face box in the pixels of the analysed image. `xMin`/`yMin` are accepted too. */
export interface FaceBoxLike {
  readonly x?: number;
  readonly y?: number;
  readonly xMin?: number;
  readonly yMin?: number;
  readonly width: number;
  readonly height: number;
}

/** One face as a detector returns it. */
export interface FaceEstimateLike {
  readonly box: FaceBoxLike;
  readonly probabilities: EmotionProbabilities;
  readonly label: EmotionLabel;
  readonly confidence: number;
  /** True when the model should not be trusted on this face. */
  readonly uncertain?: boolean;
  /** Why it should not be trusted (`low-confidence`, `small-face`, `dark`, `turned-away`…). */
  readonly uncertainReasons?: readonly string[];
}

/** What `detector.estimate()` resolves to (`@moodiary/emotion`'s `EmotionEstimate` fits). */
export interface EstimateLike {
  readonly faces: readonly FaceEstimateLike[];
  readonly image?: { readonly width: number; readonly height: number };
  readonly model?: { readonly version?: string; readonly name?: string };
  readonly backend?: string;
}

/** What the elements hand to a detector: a chosen photo as its File (read upright, EXIF), a camera frame as a canvas, or the live preview. */
export type DetectorInput = HTMLCanvasElement | HTMLImageElement | HTMLVideoElement | ImageBitmap | Blob;

/** The detector interface `<mood-camera>` needs (`@moodiary/emotion`'s `EmotionDetector` fits). */
export interface DetectorLike {
  estimate(input: DetectorInput): Promise<EstimateLike>;
  warmup?(): Promise<unknown>;
  dispose?(): unknown;
}

/** A song reference as an entry keeps it: the catalogue id, and whether it was played. */
export interface SongRefLike {
  readonly id: string;
  readonly played?: boolean;
}

/** One diary entry as the elements read it (`@moodiary/store`'s `MoodEntry` fits). */
export interface MoodEntryLike {
  readonly id: string;
  /** ISO 8601 instant. */
  readonly createdAt: string;
  /** The diary day, `YYYY-MM-DD` in the user's local time. */
  readonly localDate: string;
  readonly source?: 'face' | 'manual' | 'corrected' | string;
  readonly label: EmotionLabel;
  readonly confidence?: number;
  readonly probabilities?: EmotionProbabilities;
  readonly modelVersion?: string;
  readonly note?: string;
  readonly tags?: readonly string[];
  readonly songs?: readonly SongRefLike[];
  /** A small photo as a data URL, kept only when the user opted in. */
  readonly thumbnail?: string;
  readonly deletedAt?: string;
}

/** A new entry the elements ask a store to keep (`@moodiary/store`'s `NewMoodEntry` fits). */
export interface MoodEntryDraft {
  readonly createdAt: string;
  readonly utcOffset: number;
  readonly localDate: string;
  readonly source: 'face' | 'manual' | 'corrected';
  readonly label: EmotionLabel;
  readonly confidence: number;
  readonly probabilities?: EmotionProbabilities;
  readonly modelVersion?: string;
  readonly note: string;
  readonly tags: string[];
  readonly songs: SongRefLike[];
  readonly thumbnail?: string;
}

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

/** Changes to an existing entry. */
export interface MoodEntryPatch {
  label?: EmotionLabel;
  source?: 'face' | 'manual' | 'corrected';
  confidence?: number;
  note?: string;
  tags?: string[];
  songs?: SongRefLike[];
}

/** A change notice from a store (only `type` is read). */
export interface StoreEventLike {
  readonly type: string;
}

/**
 * The entry part of a store that the tracker and camera use (`@moodiary/store`'s
 * `MoodStore` fits). Every method may reject with a typed error. The tracker asks a store that
 * also has `MoodStore`'s summaries and search for those (see `PeriodStore` in the tracker).
 */
export interface EntryStoreLike {
  add(entry: MoodEntryDraft): Promise<MoodEntryLike>;
  update(id: string, patch: MoodEntryPatch): Promise<MoodEntryLike>;
  delete(id: string): Promise<unknown>;
  /** Deletes for good (no trash): what still works on a full disk. */
  purge?(id: string): Promise<unknown>;
  /** Brings back an entry from the trash (undo after delete). */
  restore?(id: string): Promise<unknown>;
  all(): Promise<readonly MoodEntryLike[]>;
  subscribe?(listener: (event: StoreEventLike) => void): () => void;
  readonly persistence?: 'indexeddb' | 'memory' | string;
}

/** A song as a matcher returns it. */
export interface SongLike {
  readonly id: string;
  readonly title: string;
  readonly artist: string;
  readonly year?: number;
  readonly language?: string;
  readonly genre?: string;
}

/** Where to play a song (search or direct links); `@moodiary/songs`'s `SongLinks` fits. */
export interface SongLinksLike {
  readonly youtube?: string;
  readonly spotify?: string;
  readonly appleMusic?: string;
  readonly melon?: string;
  readonly deezer?: string;
}

/** One suggested song with its reason and play links (`@moodiary/songs`'s `SongMatch` fits). */
export interface SongMatchLike {
  readonly song: SongLike;
  readonly reason?: { readonly ko: string; readonly en: string } | string;
  readonly links: SongLinksLike;
}

export type SongMode = 'match' | 'lift';

/** `matchSongs(probabilities, options)` from `@moodiary/songs`, or the host's own. */
export type SongMatcher = (
  probabilities: EmotionProbabilities,
  options: {
    mode: SongMode;
    count?: number;
    language?: string | readonly string[];
    catalogue?: readonly unknown[];
    seed?: number | string;
  },
) => { readonly songs: readonly SongMatchLike[] } | Promise<{ readonly songs: readonly SongMatchLike[] }>;

/** A profile as the sign-in screen lists it. */
export interface ProfileInfoLike {
  readonly id: string;
  readonly name: string;
  readonly createdAt?: string;
}

/** An unlocked profile's store (`@moodiary/store`'s `ProfileStore` fits). */
export interface ProfileStoreLike extends EntryStoreLike {
  /** The profile id this store belongs to. */
  readonly profile?: string;
  readonly profileName?: string;
  lock?(): void;
  importEntries?(entries: readonly MoodEntryLike[]): Promise<{ added: number; skipped: number }>;
}

/**
 * The diary's profiles on this device (`@moodiary/store`'s `Diary` from `openDiary()` fits):
 * sign-up, log-in, lock, delete.
 */
export interface DiaryLike {
  readonly persistence?: 'indexeddb' | 'memory' | string;
  listProfiles(): Promise<readonly ProfileInfoLike[]>;
  createProfile(name: string, passphrase: string): Promise<ProfileStoreLike>;
  unlock(profileId: string, passphrase: string): Promise<ProfileStoreLike>;
  lock(profileId: string): void;
  deleteProfile(profileId: string, passphrase: string): Promise<void>;
}
