import type { EmotionFace } from '@moodiary/emotion';
import type { ElementsError } from './errors.js';
import type { MoodEntryDraft, MoodEntryProblem, MoodEntryValue } from './types.js';
import type { MoodEntry, ProfileEntryStore } from '@moodiary/store';
import type { MatchMode, SongSuggestion } from '@moodiary/songs';

/**
 * A face the detector found, as `<mood-camera>` shows it: `@moodiary/emotion`'s face without its
 * landmarks, the box in the pixels of the analysed picture.
 */
export type MoodFace = Readonly<
  Pick<
    EmotionFace,
    | 'box'
    | 'probabilities'
    | 'label'
    | 'confidence'
    | 'uncertain'
    | 'uncertainReasons'
    | 'personalized'
    | 'modelProbabilities'
  >
>;

/** The reading of one picture, as `<mood-camera>` shows it. Plain data; the picture is never stored. */
export interface MoodCaptureResult {
  readonly faces: readonly MoodFace[];
  /** Size of the analysed picture. */
  readonly width: number;
  readonly height: number;
  /** Where the picture came from. */
  readonly source: 'camera' | 'upload';
  /**
   * The picture that was read, upright and at most 1280 px on its longest side: in memory only, and
   * released once the reading is saved or dismissed. Never stored.
   */
  readonly image?: ImageBitmap | HTMLCanvasElement;
  readonly modelVersion?: string;
  /** The TensorFlow.js backend that read it (`wasm`, `webgl`, `cpu`), when the detector says. */
  readonly backend?: string;
  /**
   * Taken by auto-capture: how many preview frames the reading is the smoothed average of (about a
   * second of good, steady frames). Absent for a single picture.
   */
  readonly frames?: number;
}

const init = { bubbles: true, composed: true } as const;

/** Fired when a picture has been read (camera or upload), with every face found. */
export class MoodCapturedEvent extends Event {
  static readonly eventName = 'mood-captured';
  constructor(readonly detail: { readonly result: MoodCaptureResult }) {
    super(MoodCapturedEvent.eventName, init);
  }
}

/**
 * Fired when the user asks to save an entry, before it is written. Cancelable:
 * call `preventDefault()` to keep it from the element's store (e.g. to save it yourself).
 */
export class MoodSaveEvent extends Event {
  static readonly eventName = 'mood-save';
  constructor(readonly detail: { readonly draft: MoodEntryDraft }) {
    super(MoodSaveEvent.eventName, { ...init, cancelable: true });
  }
}

/** Fired after an entry was written and the store confirmed it. */
export class MoodSavedEvent extends Event {
  static readonly eventName = 'mood-saved';
  constructor(readonly detail: { readonly entry: MoodEntry | MoodEntryDraft; readonly persisted: boolean }) {
    super(MoodSavedEvent.eventName, init);
  }
}

/** Fired after an entry was changed. */
export class MoodUpdatedEvent extends Event {
  static readonly eventName = 'mood-updated';
  constructor(readonly detail: { readonly entry: MoodEntry }) {
    super(MoodUpdatedEvent.eventName, init);
  }
}

/** Fired after an entry was deleted. */
export class MoodDeletedEvent extends Event {
  static readonly eventName = 'mood-deleted';
  constructor(readonly detail: { readonly id: string }) {
    super(MoodDeletedEvent.eventName, init);
  }
}

/** Fired for every failure the user sees (camera, file, model, storage), with a stable `code`. */
export class MoodErrorEvent extends Event {
  static readonly eventName = 'mood-error';
  constructor(readonly detail: { readonly error: ElementsError; readonly code: string }) {
    super(MoodErrorEvent.eventName, init);
  }
}

/** Fired when the camera turns on or off. */
export class MoodCameraChangeEvent extends Event {
  static readonly eventName = 'mood-camera-change';
  constructor(readonly detail: { readonly active: boolean }) {
    super(MoodCameraChangeEvent.eventName, init);
  }
}

/** Fired while the face model loads; `progress` is 0–1, or `null` when unknown. */
export class MoodModelProgressEvent extends Event {
  static readonly eventName = 'mood-model-progress';
  constructor(readonly detail: { readonly progress: number | null; readonly ready: boolean }) {
    super(MoodModelProgressEvent.eventName, init);
  }
}

/**
 * Fired when the face model switched TensorFlow.js backend mid-session (e.g. the WebGL context was
 * lost and it went on with WASM). Forwarded from the detector the element created.
 */
export class MoodBackendChangeEvent extends Event {
  static readonly eventName = 'mood-backend-change';
  constructor(readonly detail: { readonly from: string; readonly to: string; readonly reason: string }) {
    super(MoodBackendChangeEvent.eventName, init);
  }
}

/** Fired when the song mode (match / lift) changes. */
export class MoodSongModeEvent extends Event {
  static readonly eventName = 'mood-song-mode';
  constructor(readonly detail: { readonly mode: MatchMode }) {
    super(MoodSongModeEvent.eventName, init);
  }
}

/** Fired when the user keeps a song with the entry, or opens it at a provider. */
export class MoodSongSelectEvent extends Event {
  static readonly eventName = 'mood-song-select';
  constructor(
    readonly detail: {
      readonly match: SongSuggestion;
      readonly how: 'chosen' | 'played';
      readonly selected: boolean;
      readonly provider?: string;
    },
  ) {
    super(MoodSongSelectEvent.eventName, init);
  }
}

/** Fired when the user opens an entry in the tracker. */
export class MoodEntrySelectEvent extends Event {
  static readonly eventName = 'mood-entry-select';
  constructor(readonly detail: { readonly entry: MoodEntry | null; readonly date: string }) {
    super(MoodEntrySelectEvent.eventName, init);
  }
}

/** Fired when the user asks to write an entry for a day without one (the tracker's "write for this day"). */
export class MoodWriteDayEvent extends Event {
  static readonly eventName = 'mood-write-day';
  constructor(readonly detail: { readonly date: string }) {
    super(MoodWriteDayEvent.eventName, init);
  }
}

/**
 * Fired by `<mood-entry-form>` on every edit: the whole value, and why it cannot be saved yet
 * (`problems` empty: it can).
 */
export class MoodEntryChangeEvent extends Event {
  static readonly eventName = 'mood-entry-change';
  constructor(
    readonly detail: { readonly value: MoodEntryValue; readonly problems: readonly MoodEntryProblem[] },
  ) {
    super(MoodEntryChangeEvent.eventName, init);
  }
}

/** Fired by `<mood-entry-form>` when the user submits a value that can be saved. */
export class MoodEntrySubmitEvent extends Event {
  static readonly eventName = 'mood-entry-submit';
  constructor(readonly detail: { readonly value: MoodEntryValue }) {
    super(MoodEntrySubmitEvent.eventName, init);
  }
}

/** Fired when a diary profile was unlocked (signed up or logged in), with its open `store`. */
export class MoodProfileUnlockedEvent extends Event {
  static readonly eventName = 'mood-profile-unlocked';
  constructor(
    readonly detail: {
      readonly profile: { readonly id: string; readonly name: string };
      readonly created: boolean;
      readonly store: ProfileEntryStore;
    },
  ) {
    super(MoodProfileUnlockedEvent.eventName, init);
  }
}

/** Fired once when the diary was locked; `deleted` when it was locked because it was deleted. */
export class MoodProfileLockedEvent extends Event {
  static readonly eventName = 'mood-profile-locked';
  constructor(readonly detail: { readonly profileId: string | null; readonly deleted: boolean }) {
    super(MoodProfileLockedEvent.eventName, init);
  }
}

/** Fired when `<mood-sign-in>` switches between creating a diary and opening one. */
export class MoodSignInModeEvent extends Event {
  static readonly eventName = 'mood-sign-in-mode';
  constructor(readonly detail: { readonly mode: 'sign-up' | 'log-in' }) {
    super(MoodSignInModeEvent.eventName, init);
  }
}

/** Fired when the language is changed in `<mood-settings>` (and so in `<mood-diary>`). */
export class MoodLangChangeEvent extends Event {
  static readonly eventName = 'mood-lang-change';
  constructor(readonly detail: { readonly lang: string }) {
    super(MoodLangChangeEvent.eventName, init);
  }
}

/** Where sync stands (`<mood-diary server>`): `@moodiary/store/sync`'s status, as plain data. */
export interface MoodSyncStatus {
  /** `idle`, `syncing`, `standby` (another tab syncs), `offline`, `error`, `logged-out` or `stopped`. */
  readonly state: string;
  /** Local changes not on the server yet. */
  readonly pending: number;
  readonly lastSyncedAt?: string;
  /** The stable code of the failure behind `offline`, `error` or `logged-out` (`network`, `unauthorized`…). */
  readonly errorCode?: string;
}

/** Fired by `<mood-diary server>` whenever the sync status changes. */
export class MoodSyncStatusEvent extends Event {
  static readonly eventName = 'mood-sync-status';
  constructor(readonly detail: { readonly status: MoodSyncStatus }) {
    super(MoodSyncStatusEvent.eventName, init);
  }
}

/**
 * Fired when the account on the server ended from this device: logged out everywhere, or deleted.
 * The diary stays open on this device, local-only.
 */
export class MoodAccountEndedEvent extends Event {
  static readonly eventName = 'mood-account-ended';
  constructor(readonly detail: { readonly reason: 'logged-out-everywhere' | 'deleted' }) {
    super(MoodAccountEndedEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mood-sync-status': MoodSyncStatusEvent;
    'mood-account-ended': MoodAccountEndedEvent;
    'mood-captured': MoodCapturedEvent;
    'mood-save': MoodSaveEvent;
    'mood-saved': MoodSavedEvent;
    'mood-updated': MoodUpdatedEvent;
    'mood-deleted': MoodDeletedEvent;
    'mood-error': MoodErrorEvent;
    'mood-camera-change': MoodCameraChangeEvent;
    'mood-model-progress': MoodModelProgressEvent;
    'mood-backend-change': MoodBackendChangeEvent;
    'mood-song-mode': MoodSongModeEvent;
    'mood-song-select': MoodSongSelectEvent;
    'mood-entry-select': MoodEntrySelectEvent;
    'mood-write-day': MoodWriteDayEvent;
    'mood-entry-change': MoodEntryChangeEvent;
    'mood-entry-submit': MoodEntrySubmitEvent;
    'mood-profile-unlocked': MoodProfileUnlockedEvent;
    'mood-profile-locked': MoodProfileLockedEvent;
    'mood-sign-in-mode': MoodSignInModeEvent;
    'mood-lang-change': MoodLangChangeEvent;
  }
}
