import type { EmotionLabel, EmotionProbabilities } from '@moodiary/core';

/** Where an entry's label came from. */
export type EntrySource =
  /** Estimated from a facial expression; `probabilities` and `modelVersion` are set. */
  | 'face'
  /** Chosen by the user without the camera. */
  | 'manual'
  /** Estimated from a face, then the user picked another label; `probabilities` keep the model's view. */
  | 'corrected';

/** A song chosen for, or played during, an entry. `id` is the catalogue's id. */
export interface SongRef {
  id: string;
  /** True once the user actually played it. */
  played?: boolean;
}

/** One diary entry, as stored and returned. Plain data: safe to clone, post and serialise. */
export interface MoodEntry {
  /** Unique, stable id (a UUID unless the host provides one). Retries with the same id never duplicate. */
  id: string;
  /** When it was written, as an ISO 8601 UTC instant (`2026-11-24T09:30:00.000Z`). */
  createdAt: string;
  /** The user's UTC offset at that moment, in minutes east of UTC (Seoul: 540). */
  utcOffset: number;
  /** The diary day it belongs to, `YYYY-MM-DD`, in the user's local time. */
  localDate: string;
  source: EntrySource;
  /** The label the diary shows: the model's top label, or the user's choice. */
  label: EmotionLabel;
  /** 0–1: the model's probability for `label`, or 1 when the user chose it. */
  confidence: number;
  /** The model's six probabilities (sum 1); only for `face` and `corrected` entries. */
  probabilities?: EmotionProbabilities;
  /** Which model produced `probabilities`; only for `face` and `corrected` entries. */
  modelVersion?: string;
  note: string;
  /**
   * Notes that lost a sync conflict (another device changed the note at the same time): kept
   * so nothing written is lost, until the user picks a version (`update(id, { noteConflicts: [] })`).
   */
  noteConflicts?: string[];
  tags: string[];
  songs: SongRef[];
  /** A small photo as a `data:image/…;base64,` URL; only when the store was opted in. */
  thumbnail?: string;
  /** Last change, ISO UTC. */
  updatedAt: string;
  /** Set when soft-deleted (ISO UTC); deleted entries are hidden unless asked for, and can be restored. */
  deletedAt?: string;
}

/**
 * What `add()` takes: a new entry's content. Missing `id`, `createdAt`, `utcOffset`
 * and `localDate` are filled from the store's clock; `confidence` defaults to the
 * probability of `label` (face) or 1 (manual); `note`, `tags`, `songs` default to empty.
 */
export interface NewMoodEntry {
  id?: string;
  createdAt?: string | Date;
  utcOffset?: number;
  localDate?: string;
  source?: EntrySource;
  label?: EmotionLabel;
  confidence?: number;
  probabilities?: EmotionProbabilities;
  modelVersion?: string;
  note?: string;
  tags?: string[];
  songs?: SongRef[];
  thumbnail?: string;
}

/** Fields `update()` may change. */
export type MoodEntryPatch = Partial<
  Pick<
    MoodEntry,
    | 'label'
    | 'confidence'
    | 'source'
    | 'probabilities'
    | 'modelVersion'
    | 'note'
    | 'noteConflicts'
    | 'tags'
    | 'songs'
    | 'thumbnail'
    | 'localDate'
  >
>;

/** Aggregate of the entries of one day, or of a longer period. */
export interface MoodSummary {
  /** First day (inclusive), `YYYY-MM-DD`. */
  from: string;
  /** Last day (inclusive). */
  to: string;
  /** Number of (not deleted) entries. */
  count: number;
  /** Number of distinct days with at least one entry. */
  days: number;
  /** The most frequent label; ties go to the higher summed confidence. `null` without entries. */
  dominant: EmotionLabel | null;
  /** Mean valence 0 (unpleasant) – 1 (pleasant), see `VALENCE`. `null` without entries. */
  meanValence: number | null;
  /** The lowest and highest valence of one entry (a day's range on a chart). `null` without entries. */
  minValence: number | null;
  maxValence: number | null;
  /** Entries per label. */
  distribution: Record<EmotionLabel, number>;
}

/** A week, month or year: the whole period, and each day (and each month for a year). */
export interface PeriodSummary extends MoodSummary {
  period: 'week' | 'month' | 'year';
  /** One summary per calendar day of the period, empty days included. */
  byDay: MoodSummary[];
  /** For a year: one summary per month. */
  byMonth?: MoodSummary[];
}

/** The entries and summary of one day, for "today / yesterday / a month ago / a year ago". */
export interface DayMoment {
  date: string;
  summary: MoodSummary;
  entries: MoodEntry[];
}

export interface Moments {
  today: DayMoment;
  yesterday: DayMoment;
  monthAgo: DayMoment;
  yearAgo: DayMoment;
}

export interface Streaks {
  /** Consecutive days with an entry ending today, or yesterday when today has none yet. */
  current: number;
  /** Start of the current streak, or null. */
  currentFrom: string | null;
  /** The longest run ever. */
  longest: number;
  longestFrom: string | null;
  longestTo: string | null;
  /** Days with at least one entry, all time. */
  totalDays: number;
}

/** Mood by day of the week; `weekday` 0 = Sunday … 6 = Saturday (like `Date#getDay`). */
export interface WeekdaySummary extends MoodSummary {
  weekday: number;
}

/** What an entry says of the mood, without its note, tags, songs or photo: for calendars and charts. */
export type MoodPoint = Pick<
  MoodEntry,
  'id' | 'localDate' | 'createdAt' | 'source' | 'label' | 'confidence' | 'probabilities'
>;

export interface Distribution {
  from: string | null;
  to: string | null;
  total: number;
  counts: Record<EmotionLabel, number>;
  /** counts / total (all 0 without entries). */
  shares: Record<EmotionLabel, number>;
}

export interface RangeQuery {
  /** First day, inclusive. Omit for the beginning of the diary. */
  from?: string;
  /** Last day, inclusive. Omit for the end. */
  to?: string;
  /** Page size, 1–1000 (default 100). */
  limit?: number;
  /** `nextCursor` from the previous page. */
  cursor?: string;
  /** `asc` (default: oldest first) or `desc`. */
  order?: 'asc' | 'desc';
  /** Include soft-deleted entries (default false). */
  includeDeleted?: boolean;
}

export interface RangePage {
  entries: MoodEntry[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}

export interface SearchQuery {
  from?: string;
  to?: string;
  /** At most this many results, newest first (default 50). */
  limit?: number;
}

/** A stored record that could not be read; it is skipped by every query and reported here. */
export interface CorruptRecord {
  id: string;
  localDate?: string;
  reason: string;
}

/** What subscribers receive. */
export type StoreEvent =
  | {
      type: 'change';
      /** What happened. `clear` means any entry may have changed (e.g. a profile was deleted). */
      kind: 'add' | 'update' | 'delete' | 'restore' | 'purge' | 'import' | 'clear';
      ids: string[];
      /** `local`: this store instance; `remote`: another store or tab on the same database. */
      origin: 'local' | 'remote';
    }
  /** Another tab upgrades the database: this connection was closed; reload to continue. */
  | { type: 'versionchange' }
  /** Our upgrade waits for other tabs that hold the old version; ask the user to close them. */
  | { type: 'blocked' }
  /** The connection was lost and reopened. */
  | { type: 'reconnected' }
  /** Records that could not be read were skipped. */
  | { type: 'corrupt'; records: CorruptRecord[] }
  /** The profile was locked; every later call fails with `locked`. */
  | { type: 'locked' };

export type StoreListener = (event: StoreEvent) => void;

export interface ImportResult {
  added: number;
  /** Entries skipped because an entry with the same id already exists. */
  skipped: number;
  addedIds: string[];
  skippedIds: string[];
}

/**
 * The entry part of a store: what a view that writes and lists entries needs (`@moodiary/elements`'
 * camera, tracker and settings), the rest used where offered. Every {@link MoodStore} is one; a host's
 * own store with these methods plugs into those views. Every method may reject with a typed error.
 */
export interface EntryStore {
  /** Where entries live (`indexeddb`, `memory`, or the host's own word). */
  readonly persistence?: string;
  add(entry: NewMoodEntry): Promise<MoodEntry>;
  update(id: string, patch: MoodEntryPatch): Promise<MoodEntry>;
  /** Soft delete where the store has a trash (then `restore` undoes it). */
  delete(id: string): Promise<unknown>;
  /** Every entry not deleted, oldest first. */
  all(): Promise<readonly MoodEntry[]>;
  /** Brings an entry back from the trash. */
  restore?(id: string): Promise<unknown>;
  /** Deletes for good (no trash): what still works on a full disk. */
  purge?(id: string): Promise<unknown>;
  /** Adds many entries at once; ids already present are skipped. */
  importEntries?(entries: readonly MoodEntry[]): Promise<Pick<ImportResult, 'added' | 'skipped'>>;
  /** The live entries' moods between two days, in date order (cheaper than reading whole entries). */
  moods?(query?: { from?: string; to?: string }): Promise<readonly MoodPoint[]>;
  /** The profile's settings, JSON values by name. */
  settings?(): Promise<Record<string, unknown>>;
  /** Keeps one setting; `undefined` removes it. */
  setSetting?(name: string, value: unknown): Promise<void>;
  /** Change notices; returns an unsubscribe function. */
  subscribe?(listener: StoreListener): () => void;
}

/**
 * The diary's storage. Every method is async and every failure is a `StoreError`.
 * A write resolves only once it is durably committed.
 */
export interface MoodStore extends EntryStore {
  /** Where entries live: `indexeddb`, or `memory` (lost on reload) when IndexedDB is unavailable. */
  readonly persistence: 'indexeddb' | 'memory';
  /** Why the store fell back to memory, when it did. */
  readonly fallbackReason?: Error;
  /** Whether the browser granted persistent storage (not evicted under pressure); `null` when unknown. */
  readonly persisted: boolean | null;
  /** Whether entries are encrypted at rest. */
  readonly encrypted: boolean;
  /** The profile this store is scoped to (`''` for the plain store). */
  readonly profile: string;

  add(entry: NewMoodEntry): Promise<MoodEntry>;
  /**
   * Inserts or replaces an entry as given (full entry, validated). For sync and restore.
   * With `ifUpdatedAt` it is a compare-and-set: it writes only while the stored entry has that
   * `updatedAt` (`null`: only while there is none), else `conflict`.
   */
  put(entry: MoodEntry, options?: { ifUpdatedAt?: string | null }): Promise<MoodEntry>;
  update(id: string, patch: MoodEntryPatch): Promise<MoodEntry>;
  get(id: string, options?: { includeDeleted?: boolean }): Promise<MoodEntry | undefined>;
  /** Soft delete: sets `deletedAt`; `restore()` undoes it. */
  delete(id: string): Promise<MoodEntry>;
  restore(id: string): Promise<MoodEntry>;
  /** Removes an entry for good. */
  purge(id: string): Promise<void>;

  byDay(date: string): Promise<MoodEntry[]>;
  range(query?: RangeQuery): Promise<RangePage>;
  /** Every entry, oldest first (for export and sync). */
  all(options?: { includeDeleted?: boolean }): Promise<MoodEntry[]>;
  /**
   * For sync: every entry changed after `since` (an ISO time), deleted ones
   * included, in `updatedAt` order. Pass the last `updatedAt` you saw next time.
   */
  changedSince(since: string): Promise<MoodEntry[]>;
  /** Entries (not deleted) in the range, counted without decrypting; records already found corrupt are left out. */
  count(options?: { from?: string; to?: string }): Promise<number>;

  daySummary(date: string): Promise<MoodSummary>;
  weekSummary(date: string): Promise<PeriodSummary>;
  monthSummary(date: string): Promise<PeriodSummary>;
  yearSummary(date: string): Promise<PeriodSummary>;
  /** Today, yesterday, the same day a month ago and a year ago (by the store's clock unless given). */
  moments(today?: string): Promise<Moments>;
  streaks(today?: string): Promise<Streaks>;
  /** Entries per day (days without entries left out), for calendars and heat maps; reads no entry. */
  entriesPerDay(query?: { from?: string; to?: string }): Promise<Record<string, number>>;
  /**
   * The live entries' moods between two days, in date order, from the month digests (one sealed row
   * per month, not one per entry): what a calendar or chart of many entries needs.
   */
  moods(query?: { from?: string; to?: string }): Promise<MoodPoint[]>;
  byWeekday(query?: { from?: string; to?: string }): Promise<WeekdaySummary[]>;
  distribution(query?: { from?: string; to?: string }): Promise<Distribution>;
  /** Case- and accent-insensitive search in notes and tags, newest first. */
  search(text: string, query?: SearchQuery): Promise<MoodEntry[]>;

  /** Adds many entries in one transaction: all or nothing; ids already present are skipped. */
  importEntries(entries: readonly MoodEntry[]): Promise<ImportResult>;
  /**
   * This profile's settings (a personal calibration, liked songs…): JSON values by name, encrypted
   * like entries in an encrypted diary, in the JSON export, deleted with the profile.
   */
  settings(): Promise<Record<string, unknown>>;
  /** Keeps one setting (a JSON value, at most 64 KiB as JSON); `undefined` removes it. */
  setSetting(name: string, value: unknown): Promise<void>;
  /**
   * Records that could not be read and were skipped so far. With `scan: true`,
   * reads every record first (slow on a big encrypted diary).
   */
  corruptRecords(options?: { scan?: boolean }): Promise<CorruptRecord[]>;
  /** Asks the browser for persistent storage; resolves with whether it was granted. */
  requestPersistence(): Promise<boolean>;

  subscribe(listener: StoreListener): () => void;
  /** Closes the connection; later calls fail with `closed`. Idempotent. */
  close(): void;
}
