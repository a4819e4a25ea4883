// The storage backends under a MoodStore: a small set of primitives over
// records, implemented by IndexedDB and by memory. Records keep the fields that
// must stay readable for indexes and sync in clear; the rest is in `data`
// (plain store) or `iv` + `ct` (encrypted store).

/** A stored entry. */
export interface StoredRecord {
  profile: string;
  id: string;
  localDate: string;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string;
  /** Plain store: the entry's other fields. */
  data?: Record<string, unknown>;
  /** Encrypted store: AES-GCM nonce and ciphertext of the entry's other fields. */
  iv?: Uint8Array;
  ct?: ArrayBuffer;
  /**
   * The entry has a photo thumbnail, kept apart (its own IndexedDB store) so
   * that saving or deleting an entry never rewrites a photo: this names the
   * thumbnail version the entry goes with.
   */
  thumbRef?: string;
  /**
   * The thumbnail itself, carried with the record to and from the backend: on a
   * write, a new thumbnail to keep (none: keep the stored one if `thumbRef` is
   * unchanged); on a read, there only when asked for.
   */
  thumb?: StoredThumbnail;
}

/** A photo thumbnail, stored apart from its entry. */
export interface StoredThumbnail {
  /** The entry's `thumbRef` this thumbnail belongs to. */
  ref: string;
  /** Plain store: the data URL. */
  data?: string;
  /** Encrypted store: nonce and ciphertext of the data URL. */
  iv?: Uint8Array;
  ct?: ArrayBuffer;
}

/** A profile: its name and its data key, wrapped by a key derived from the passphrase. */
export interface ProfileRecord {
  id: string;
  name: string;
  createdAt: string;
  kdf: { algorithm: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: Uint8Array };
  wrap: { algorithm: 'AES-GCM'; iv: Uint8Array; key: ArrayBuffer };
}

/** Position of a record in date order: [localDate, createdAt, id]. */
export type SortKey = [string, string, string];

export function sortKeyOf(r: Pick<StoredRecord, 'localDate' | 'createdAt' | 'id'>): SortKey {
  return [r.localDate, r.createdAt, r.id];
}

export function compareSortKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < 3; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

export interface RangeOptions {
  from?: string | undefined;
  to?: string | undefined;
  /** Start strictly after (or before, when reverse) this position. */
  after?: SortKey | undefined;
  limit?: number | undefined;
  reverse?: boolean | undefined;
  includeDeleted?: boolean | undefined;
  /** Read the records' thumbnails too (default false: summaries and search never need them). */
  thumbnails?: boolean | undefined;
}

export interface WriteOptions {
  /** `insert`: keep existing records and report them; `put`: replace. */
  mode: 'insert' | 'put';
  /** For `put`: the `updatedAt` each record must still have, or `null` for "must not exist". */
  expect?: Record<string, string | null>;
  /** The profile must exist when the write commits (checked inside its transaction), else `profile-deleted`. */
  requireProfile?: boolean;
}

export interface WriteResult {
  written: string[];
  existing: StoredRecord[];
}

/**
 * A month of the calendar, kept with every write: live entries per day, and a
 * signature of their versions (ids and `updatedAt`) that changes with any of them.
 */
export interface MonthCalendar {
  month: string;
  days: Record<string, number>;
  sig: MonthSignature;
}

/** How many live entries, and two 32-bit hashes XORed over their versions: updated entry by entry. */
export interface MonthSignature {
  n: number;
  a: number;
  b: number;
}

export const EMPTY_SIGNATURE: MonthSignature = { n: 0, a: 0, b: 0 };

/** Adds (`by` 1) or removes (-1) one entry version; XOR is its own inverse. */
export function signWith(
  sig: MonthSignature,
  r: { id: string; updatedAt: string },
  by: 1 | -1,
): MonthSignature {
  const text = `${r.id}\u0001${r.updatedAt}`;
  // FNV-1a with two seeds: a short name for a set of versions (a cache check, not a secret).
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return { n: sig.n + by, a: (sig.a ^ a) >>> 0, b: (sig.b ^ b) >>> 0 };
}

/** The calendar of some records (the live ones), by month. */
export function calendarOf(records: Iterable<StoredRecord>): Map<string, MonthCalendar> {
  const out = new Map<string, MonthCalendar>();
  for (const r of records) {
    if (!isLive(r)) continue;
    const month = r.localDate.slice(0, 7);
    const row = out.get(month) ?? { month, days: {}, sig: EMPTY_SIGNATURE };
    row.days[r.localDate] = (row.days[r.localDate] ?? 0) + 1;
    row.sig = signWith(row.sig, r, 1);
    out.set(month, row);
  }
  return out;
}

/**
 * The searchable words of a month's entries, encrypted as one: searching a
 * diary opens one of these per month instead of every entry. A cache, checked
 * against the calendar's signature before use and rebuilt from the entries when stale.
 */
export interface SearchDigest {
  month: string;
  iv: Uint8Array;
  ct: ArrayBuffer;
}

/**
 * A year's searchable text (ids, days and folded words of its live entries), encrypted as
 * one: a search that finds nothing reads one small row a year. A cache like the digests,
 * checked against the year's calendar rows before use.
 */
export interface SealedYear {
  year: string;
  iv: Uint8Array;
  ct: ArrayBuffer;
}

/** One of a profile's settings (the store's `getSetting`), sealed like a digest. */
export interface SealedSetting {
  name: string;
  iv: Uint8Array;
  ct: ArrayBuffer;
}

export type BackendEvent = { type: 'versionchange' } | { type: 'blocked' } | { type: 'reconnected' };

export interface Backend {
  readonly kind: 'indexeddb' | 'memory';
  get(profile: string, id: string, options?: { thumbnails?: boolean }): Promise<StoredRecord | undefined>;
  /** Records in date order within the options' bounds. */
  range(profile: string, options: RangeOptions): Promise<StoredRecord[]>;
  /** Atomic: every record is written, or none (then it throws). */
  write(profile: string, records: StoredRecord[], options: WriteOptions): Promise<WriteResult>;
  /** Removes records (and their thumbnails) for good; only deletes, so it works on a full disk. */
  remove(profile: string, ids: string[], options?: { requireProfile?: boolean }): Promise<void>;
  /**
   * The calendar's months (oldest first) without reading any entry, and the
   * profile's `changeToken` at that moment.
   */
  calendar(
    profile: string,
    fromMonth?: string,
    toMonth?: string,
  ): Promise<{ months: MonthCalendar[]; token?: string }>;
  /**
   * A token every write replaces (and a purge removes): while it is the same,
   * nothing of the profile changed, in any tab. A quick check for caches.
   */
  changeToken(profile: string): Promise<string | undefined>;
  /** The stored search digests of some months (`YYYY-MM`, inclusive). */
  digests(profile: string, fromMonth?: string, toMonth?: string): Promise<SearchDigest[]>;
  /** Keeps search digests; a cache: it may fail (a full disk) without harm. */
  putDigests(profile: string, digests: SearchDigest[]): Promise<void>;
  /** The stored search texts of some years (`YYYY`, inclusive). */
  yearTexts(profile: string, fromYear?: string, toYear?: string): Promise<SealedYear[]>;
  /** Keeps years' search texts; a cache like `putDigests`. */
  putYearTexts(profile: string, years: SealedYear[]): Promise<void>;
  /** A profile's sealed settings. */
  settings(profile: string): Promise<SealedSetting[]>;
  /** Keeps a setting, or with `null` removes it; with `requireProfile`, never for a deleted profile. */
  putSetting(
    profile: string,
    name: string,
    sealed: Omit<SealedSetting, 'name'> | null,
    options?: { requireProfile?: boolean },
  ): Promise<void>;
  profiles(): Promise<ProfileRecord[]>;
  getProfile(id: string): Promise<ProfileRecord | undefined>;
  /** Adds or replaces a profile; with `uniqueName`, fails with `profile-exists` if another has the name. */
  putProfile(
    profile: ProfileRecord,
    options?: { uniqueName?: boolean; expectWrapIv?: Uint8Array },
  ): Promise<void>;
  /** Deletes the profile and every record, thumbnail and calendar row of it, atomically. */
  deleteProfile(id: string): Promise<void>;
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: BackendEvent) => void): () => void;
  close(): void;
}

/** True when `value` (a day or a month, as text) lies within bounds that may each be open. */
export function within(value: string, from?: string, to?: string): boolean {
  return (from === undefined || value >= from) && (to === undefined || value <= to);
}

/** True when a record counts as a live entry in the calendar. */
export function isLive(r: StoredRecord | undefined): boolean {
  return (
    !!r &&
    !r.deletedAt &&
    typeof r.localDate === 'string' &&
    typeof r.updatedAt === 'string' &&
    (r.data !== undefined || r.ct !== undefined)
  );
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
