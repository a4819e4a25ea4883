import {
  EMPTY_SIGNATURE,
  compareSortKeys,
  isLive,
  sortKeyOf,
  sameBytes,
  within,
  signWith,
  type Backend,
  type SortKey,
  type StoredRecord,
  type WriteOptions,
  type MonthCalendar,
} from './backend.js';
import type { Codec } from './codec.js';
import { findInYear, isYearText, yearSignature, yearTextOf, type YearText } from './search-text.js';
import { deviceLocal, isLocalDate, monthOf, searchTextOf, weekOf, yearOf } from '@moodiary/core';
import { createEntry, isIsoInstant, validateEntry } from './entry.js';
import { StoreError, isStoreError } from './errors.js';
import {
  distributionOf,
  momentDates,
  foldText,
  streaksOf,
  summarize,
  summarizePeriod,
  summarizeWeekdays,
} from './summaries.js';
import type {
  CorruptRecord,
  DayMoment,
  Distribution,
  ImportResult,
  MoodEntry,
  MoodPoint,
  MoodEntryPatch,
  MoodStore,
  MoodSummary,
  Moments,
  NewMoodEntry,
  PeriodSummary,
  RangePage,
  RangeQuery,
  SearchQuery,
  StoreEvent,
  StoreListener,
  Streaks,
  WeekdaySummary,
} from './types.js';

/** Options every store takes. */
export interface StoreOptions {
  /** The clock (default `() => new Date()`); "today" is its local date on this device. */
  now?: () => Date;
  /** Keep photo thumbnails on entries. Off by default: entries with one are rejected. */
  allowThumbnails?: boolean;
  /** First day of a week for `weekSummary`: 1 Monday (default, ISO 8601) or 0 Sunday. */
  weekStartsOn?: 0 | 1;
}

export interface StoreInit {
  backend: Backend;
  codec: Codec;
  profile: string;
  options: StoreOptions;
  fallbackReason?: Error;
  /** BroadcastChannel name for cross-tab notifications; none for memory stores. */
  channelName?: string;
  persisted?: boolean | null;
  /** Updates `persisted` when the browser answers later. */
  persistedLater?: Promise<boolean>;
  /** Close the backend with the store (a store of its own); profiles share one backend. */
  ownsBackend?: boolean;
  /** Called on close (profiles forget the store). */
  onClose?: () => void;
  /** Called on every call (profiles restart their auto-lock timer). */
  onActivity?: () => void;
  /**
   * The profile's row must exist for a write to commit (encrypted profiles): a
   * write that finds it deleted fails with `profile-deleted` and locks the store.
   */
  requireProfile?: boolean;
}

interface ChannelMessage {
  v: 1;
  sender: string;
  profile: string;
  kind: Extract<StoreEvent, { type: 'change' }>['kind'];
  ids: string[];
  /** The profile was deleted: its stores in other tabs lock themselves. */
  deleted?: boolean;
}

const PATCH_KEYS = new Set([
  'label',
  'confidence',
  'source',
  'probabilities',
  'modelVersion',
  'note',
  'noteConflicts',
  'tags',
  'songs',
  'thumbnail',
  'localDate',
]);

function checkDate(value: string | undefined, field: string): void {
  if (value !== undefined && !isLocalDate(value))
    throw new StoreError(
      'invalid-query',
      `${field} must be a calendar day written YYYY-MM-DD (got "${value}").`,
      {
        details: { field, value },
      },
    );
}

function encodeCursor(key: SortKey, order: 'asc' | 'desc'): string {
  const bytes = new TextEncoder().encode(JSON.stringify([order, ...key]));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function decodeCursor(cursor: string, order: 'asc' | 'desc'): SortKey {
  try {
    const b64 = cursor.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const value = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 4 &&
      value[0] === order &&
      value.slice(1).every((v) => typeof v === 'string')
    )
      return value.slice(1) as SortKey;
  } catch {
    // fall through
  }
  throw new StoreError('invalid-query', 'The paging cursor is not one this query returned.', {
    details: { cursor },
  });
}

/** The one MoodStore implementation, over a backend (IndexedDB or memory) and a codec (plain or encrypted). */
export class DiaryStore implements MoodStore {
  readonly persistence: 'indexeddb' | 'memory';
  readonly fallbackReason?: Error;
  readonly profile: string;
  persisted: boolean | null;
  private readonly backend: Backend;
  private readonly codec: Codec;
  private readonly options: StoreOptions;
  private readonly listeners = new Set<StoreListener>();
  private readonly corrupt = new Map<string, CorruptRecord>();
  /** The damaged entries found so far that the calendar counts (not deleted): `count()` leaves them out. */
  private readonly corruptLive = new Set<string>();
  /**
   * Encrypted stores: entries already decrypted in this unlocked session, by id,
   * with the record they came from. Dropped on lock and close.
   */
  private readonly plaintext = new Map<string, { record: StoredRecord; entry: MoodEntry }>();
  /** Month digests opened in this session, by month. Dropped on lock and close. */
  private readonly digests = new Map<string, MonthDigest>();
  /** Month digests being opened or rebuilt now, by `month|signature`: callers at the same time share them. */
  private readonly digestLoads = new Map<string, Promise<void>>();
  /** Years' search texts opened in this session, by year. Dropped on lock and close. */
  private readonly years = new Map<string, YearText>();
  /** The whole diary's calendar rows as last read, under the change token read with them. */
  private calendarRead: { token: string; months: MonthCalendar[] } | null = null;
  /** A read of them under way: calls at the same time (a tracker's first screen) share it. */
  private calendarReading: Promise<MonthCalendar[]> | null = null;
  /** The digests of the whole diary, checked under a change token. */
  private checked: { token: string; months: MonthDigest[] } | null = null;
  private readonly sender = globalThis.crypto.randomUUID();
  private channel: BroadcastChannel | null = null;
  private closed = false;
  private locked = false;
  private readonly unlisten: () => void;
  private readonly ownsBackend: boolean;
  private readonly onClose: (() => void) | undefined;
  private readonly onActivity: (() => void) | undefined;
  private readonly requireProfile: boolean;

  constructor(init: StoreInit) {
    this.requireProfile = init.requireProfile ?? false;
    this.backend = init.backend;
    this.codec = init.codec;
    this.profile = init.profile;
    this.options = init.options;
    this.persistence = init.backend.kind;
    if (init.fallbackReason) this.fallbackReason = init.fallbackReason;
    this.persisted = init.persisted ?? null;
    void init.persistedLater?.then((granted) => {
      this.persisted = granted;
    });
    this.ownsBackend = init.ownsBackend ?? false;
    this.onClose = init.onClose;
    this.onActivity = init.onActivity;
    this.unlisten = this.backend.onEvent((event) => this.emit(event));
    if (init.channelName && typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(init.channelName);
      this.channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
        const m = event.data;
        if (m?.v !== 1 || m.sender === this.sender || m.profile !== this.profile || this.locked) return;
        if (m.deleted) {
          this.emit({ type: 'change', kind: 'clear', ids: [], origin: 'remote' });
          this.lockNow();
          return;
        }
        this.emit({ type: 'change', kind: m.kind, ids: m.ids, origin: 'remote' });
      };
    }
  }

  get encrypted(): boolean {
    return this.codec.encrypted;
  }

  // ── plumbing ────────────────────────────────────────────────────────────

  private guard(): void {
    if (this.locked) throw new StoreError('locked', 'The diary is locked. Unlock it with its passphrase.');
    if (this.closed) throw new StoreError('closed', 'The diary was closed.');
    this.onActivity?.();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private today(): string {
    return deviceLocal(this.now()).localDate;
  }

  /** A new `updatedAt`, strictly later than `previous` so sync can order changes. */
  private stamp(previous?: string): string {
    let t = this.now().getTime();
    if (previous) t = Math.max(t, Date.parse(previous) + 1);
    return new Date(t).toISOString();
  }

  private emit(event: StoreEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  private changed(kind: ChannelMessage['kind'], ids: string[]): void {
    if (ids.length === 0 && kind !== 'clear') return;
    this.emit({ type: 'change', kind, ids, origin: 'local' });
    const message: ChannelMessage = { v: 1, sender: this.sender, profile: this.profile, kind, ids };
    try {
      this.channel?.postMessage(message);
    } catch {
      // a closed channel: other tabs will see the change on their next read
    }
  }

  private async decodeOne(record: StoredRecord): Promise<MoodEntry> {
    const entry = await this.decodeEntry(record);
    if (record.thumb) {
      try {
        const thumbnail = await this.codec.thumbnail(record);
        if (thumbnail !== undefined) entry.thumbnail = thumbnail;
      } catch (error) {
        if (isStoreError(error, 'locked')) throw error;
        // A damaged photo loses only itself: the entry is still shown, without it.
      }
    }
    return entry;
  }

  /** The entry without a separately stored thumbnail; reports a record that cannot be read. */
  private async decodeEntry(record: StoredRecord): Promise<MoodEntry> {
    const hit = record.iv ? this.plaintext.get(record.id) : undefined;
    if (hit && sameCiphertext(hit.record, record)) return copyEntry(hit.entry);
    try {
      const entry = await this.codec.decode(record);
      this.corrupt.delete(record.id);
      this.corruptLive.delete(record.id);
      if (record.iv) {
        if (this.plaintext.size >= PLAINTEXT_CACHE_SIZE) this.plaintext.clear();
        this.plaintext.set(record.id, {
          record: { ...record, ct: undefined, thumb: undefined },
          entry: copyEntry(entry),
        });
      }
      return entry;
    } catch (error) {
      if (isStoreError(error, 'locked')) throw error;
      const found: CorruptRecord = {
        id: String(record.id),
        reason: error instanceof Error ? error.message : String(error),
      };
      if (typeof record.localDate === 'string') found.localDate = record.localDate;
      const isNew = !this.corrupt.has(found.id);
      this.corrupt.set(found.id, found);
      // The calendar counted it when it was written, unless deleted (damage since leaves the calendar as it was).
      if (!record.deletedAt) this.corruptLive.add(found.id);
      else this.corruptLive.delete(found.id);
      if (isNew) this.emit({ type: 'corrupt', records: [found] });
      throw new StoreError('corrupt-record', `The entry ${found.id} is damaged and cannot be read.`, {
        cause: error,
        details: { id: found.id, reason: found.reason },
      });
    }
  }

  /** Decodes records, skipping (and reporting) the ones that cannot be read. */
  private async decodeMany(records: StoredRecord[]): Promise<MoodEntry[]> {
    const results = await Promise.allSettled(records.map((r) => this.decodeOne(r)));
    const out: MoodEntry[] = [];
    for (const r of results) {
      if (r.status === 'fulfilled') out.push(r.value);
      else if (isStoreError(r.reason, 'locked')) throw r.reason;
    }
    return out;
  }

  /** Entries between two days; `thumbnails` for entries returned whole, not for summaries. */
  private async entriesBetween(
    from: string | undefined,
    to: string | undefined,
    thumbnails = false,
  ): Promise<MoodEntry[]> {
    checkDate(from, 'from');
    checkDate(to, 'to');
    this.guard();
    return this.decodeMany(await this.backend.range(this.profile, { from, to, thumbnails }));
  }

  /** Writes records; a profile deleted meanwhile (another tab) fails the write and locks this store. */
  private async writeRecords(records: StoredRecord[], options: WriteOptions) {
    this.guard();
    try {
      return await this.backend.write(this.profile, records, {
        ...options,
        requireProfile: this.requireProfile,
      });
    } catch (error) {
      if (isStoreError(error, 'profile-deleted')) this.lockNow();
      throw error;
    }
  }

  private async writeEntries(entries: MoodEntry[], options: WriteOptions) {
    this.guard();
    const records = await Promise.all(entries.map((e) => this.codec.encode(e, this.profile)));
    return this.writeRecords(records, options);
  }

  /** The stored record and its entry (with its thumbnail). */
  private async current(
    id: string,
    includeDeleted: boolean,
  ): Promise<{ record: StoredRecord; entry: MoodEntry }> {
    this.guard();
    const record =
      typeof id === 'string' ? await this.backend.get(this.profile, id, { thumbnails: true }) : undefined;
    const entry = record && (await this.decodeOne(record));
    if (!record || !entry || (entry.deletedAt && !includeDeleted))
      throw new StoreError('not-found', `There is no diary entry with the id "${id}".`, { details: { id } });
    return { record, entry };
  }

  /** Re-reads, applies `change`, writes if unchanged meanwhile; retries a conflict twice. */
  private async modify(
    id: string,
    includeDeleted: boolean,
    change: (current: MoodEntry) => MoodEntry | null,
  ): Promise<MoodEntry> {
    for (let attempt = 0; ; attempt++) {
      const { record, entry: current } = await this.current(id, includeDeleted);
      const next = change(current);
      if (!next) return current;
      // An unchanged photo stays where it is: deleting or editing an entry never rewrites it.
      const keep = record.thumbRef && next.thumbnail === current.thumbnail ? record.thumbRef : undefined;
      try {
        const encoded = await this.codec.encode(next, this.profile, keep);
        await this.writeRecords([encoded], { mode: 'put', expect: { [id]: current.updatedAt } });
        return next;
      } catch (error) {
        if (isStoreError(error, 'conflict') && attempt < 2) continue;
        throw error;
      }
    }
  }

  // ── writes ──────────────────────────────────────────────────────────────

  async add(input: NewMoodEntry): Promise<MoodEntry> {
    this.guard();
    const entry = createEntry(input, this.now(), this.options);
    const record = await this.codec.encode(entry, this.profile);
    const result = await this.writeRecords([record], { mode: 'insert' });
    const existing = result.existing[0];
    if (existing) {
      // A retried write whose first attempt did commit finds its own record: success, not a duplicate.
      if (sameRecord(existing, record)) {
        this.changed('add', [entry.id]);
        return entry;
      }
      throw new StoreError('duplicate-id', `An entry with the id "${entry.id}" already exists.`, {
        details: { id: entry.id },
      });
    }
    this.changed('add', [entry.id]);
    return entry;
  }

  async put(value: MoodEntry, options: { ifUpdatedAt?: string | null } = {}): Promise<MoodEntry> {
    this.guard();
    const entry = validateEntry(value, this.options);
    await this.writeEntries([entry], {
      mode: 'put',
      ...(options.ifUpdatedAt !== undefined ? { expect: { [entry.id]: options.ifUpdatedAt } } : {}),
    });
    this.changed('update', [entry.id]);
    return entry;
  }

  async update(id: string, patch: MoodEntryPatch): Promise<MoodEntry> {
    this.guard();
    if (typeof patch !== 'object' || patch === null)
      throw new StoreError('invalid-entry', 'The change must be an object.', { details: { id } });
    for (const key of Object.keys(patch))
      if (!PATCH_KEYS.has(key))
        throw new StoreError('invalid-entry', `The entry's ${key} cannot be changed.`, {
          details: { id, field: key, reason: 'is not changeable' },
        });
    const next = await this.modify(id, false, (current) =>
      validateEntry({ ...current, ...patch, updatedAt: this.stamp(current.updatedAt) }, this.options),
    );
    this.changed('update', [id]);
    return next;
  }

  async get(id: string, options: { includeDeleted?: boolean } = {}): Promise<MoodEntry | undefined> {
    this.guard();
    if (typeof id !== 'string') return undefined;
    const record = await this.backend.get(this.profile, id, { thumbnails: true });
    if (!record) return undefined;
    const entry = await this.decodeOne(record);
    return entry.deletedAt && !options.includeDeleted ? undefined : entry;
  }

  async delete(id: string): Promise<MoodEntry> {
    this.guard();
    let changed = false;
    const next = await this.modify(id, true, (current) => {
      if (current.deletedAt) return null;
      changed = true;
      const stamp = this.stamp(current.updatedAt);
      return { ...current, updatedAt: stamp, deletedAt: stamp };
    });
    if (changed) this.changed('delete', [id]);
    return next;
  }

  async restore(id: string): Promise<MoodEntry> {
    this.guard();
    let changed = false;
    const next = await this.modify(id, true, (current) => {
      if (!current.deletedAt) return null;
      changed = true;
      const { deletedAt: _gone, ...rest } = current;
      return { ...rest, updatedAt: this.stamp(current.updatedAt) };
    });
    if (changed) this.changed('restore', [id]);
    return next;
  }

  async purge(id: string): Promise<void> {
    this.guard();
    try {
      await this.backend.remove(this.profile, [id], { requireProfile: this.requireProfile });
    } catch (error) {
      if (isStoreError(error, 'profile-deleted')) this.lockNow();
      throw error;
    }
    this.corrupt.delete(id);
    this.corruptLive.delete(id);
    this.changed('purge', [id]);
  }

  async importEntries(entries: readonly MoodEntry[]): Promise<ImportResult> {
    this.guard();
    const valid: MoodEntry[] = [];
    const errors: { row: number; id?: string; code: string; message: string }[] = [];
    entries.forEach((e, i) => {
      try {
        valid.push(validateEntry(e, this.options));
      } catch (error) {
        const err = error as StoreError;
        errors.push({
          row: i + 1,
          code: err.code,
          message: err.message,
          ...(err.details as { id?: string }),
        });
      }
    });
    if (errors.length > 0)
      throw new StoreError(
        'import-invalid',
        `${errors.length} of ${entries.length} entries are invalid; nothing was imported. First: entry ${errors[0]!.row}: ${errors[0]!.message}`,
        { details: { errors } },
      );
    const records = await Promise.all(valid.map((e) => this.codec.encode(e, this.profile)));
    const result = await this.writeRecords(records, { mode: 'insert' });
    await this.digestImported(valid, records, result.written);
    const addedIds = result.written;
    const written = new Set(addedIds);
    const skippedIds = [...new Set(valid.map((e) => e.id).filter((id) => !written.has(id)))];
    this.changed('import', addedIds);
    return { added: addedIds.length, skipped: skippedIds.length, addedIds, skippedIds };
  }

  /**
   * Stores the digests of the months an import wrote, from the entries at hand: the first summary
   * of such a month (a tracker's first screen after a restore) opens one small row instead of
   * decrypting every entry of it. Each digest carries the signature of the entries written; a month
   * that held entries before has another signature in its calendar row, so its digest is never used
   * and is rebuilt when read, as before.
   */
  private async digestImported(entries: MoodEntry[], records: StoredRecord[], written: string[]) {
    const wrote = new Set(written);
    const byMonth = new Map<string, { entries: MoodEntry[]; records: StoredRecord[] }>();
    const seen = new Set<string>();
    const repeated = new Set<string>();
    entries.forEach((e, i) => {
      if (seen.has(e.id)) repeated.add(e.localDate.slice(0, 7));
      seen.add(e.id);
      if (!wrote.has(e.id) || e.deletedAt) return;
      const month = e.localDate.slice(0, 7);
      const list = byMonth.get(month) ?? { entries: [], records: [] };
      list.entries.push(e);
      list.records.push(records[i]!);
      byMonth.set(month, list);
    });
    // An id given twice: which of its records was written is the backend's choice; such a month is left to be read.
    for (const month of repeated) byMonth.delete(month);
    if (byMonth.size === 0) return;
    const context = (month: string) => `digest\n${this.profile}\n${month}`;
    const order = new Map(records.map((r) => [r.id, sortKeyOf(r)]));
    const sealed = await Promise.all(
      [...byMonth].map(async ([month, list]) => {
        const digest: MonthDigest = {
          v: DIGEST_VERSION,
          sig: signatureOf(list.records),
          entries: list.entries
            .sort((a, b) => compareSortKeys(order.get(a.id)!, order.get(b.id)!))
            .map(digestEntry),
        };
        return { month, ...(await this.codec.seal(digest, context(month))) };
      }),
    );
    // A cache: a full disk or a lost connection only means building them when first read.
    await this.backend.putDigests(this.profile, sealed).catch(() => undefined);
  }

  // ── reads ───────────────────────────────────────────────────────────────

  async byDay(date: string): Promise<MoodEntry[]> {
    checkDate(date, 'date');
    return this.entriesBetween(date, date, true);
  }

  async range(query: RangeQuery = {}): Promise<RangePage> {
    this.guard();
    const { from, to, cursor, includeDeleted } = query;
    const order = query.order ?? 'asc';
    const limit = query.limit ?? 100;
    checkDate(from, 'from');
    checkDate(to, 'to');
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new StoreError('invalid-query', 'limit must be a whole number from 1 to 1000.', {
        details: { limit },
      });
    if (order !== 'asc' && order !== 'desc')
      throw new StoreError('invalid-query', 'order must be "asc" or "desc".', { details: { order } });
    const after = cursor === undefined ? undefined : decodeCursor(cursor, order);
    const records = await this.backend.range(this.profile, {
      from,
      to,
      after,
      limit: limit + 1,
      reverse: order === 'desc',
      includeDeleted,
      thumbnails: true,
    });
    const page = records.slice(0, limit);
    const entries = await this.decodeMany(page);
    const last = page[page.length - 1];
    return records.length > limit && last
      ? { entries, nextCursor: encodeCursor([last.localDate, last.createdAt, last.id], order) }
      : { entries };
  }

  async all(options: { includeDeleted?: boolean } = {}): Promise<MoodEntry[]> {
    this.guard();
    return this.decodeMany(
      await this.backend.range(this.profile, {
        includeDeleted: options.includeDeleted ?? false,
        thumbnails: true,
      }),
    );
  }

  async changedSince(since: string): Promise<MoodEntry[]> {
    if (!isIsoInstant(since))
      throw new StoreError(
        'invalid-query',
        'since must be an ISO 8601 time such as 2026-01-31T09:30:00.000Z.',
        {
          details: { since },
        },
      );
    this.guard();
    const after = Date.parse(since);
    const records = (
      await this.backend.range(this.profile, { includeDeleted: true, thumbnails: true })
    ).filter((r) => Date.parse(r.updatedAt) > after);
    return (await this.decodeMany(records)).sort(
      (a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || (a.id < b.id ? -1 : 1),
    );
  }

  async count(query: { from?: string; to?: string } = {}): Promise<number> {
    checkDate(query.from, 'from');
    checkDate(query.to, 'to');
    // From the calendar's small month rows: no entry is read. Damaged entries found so far do not count.
    let count = 0;
    for (const n of Object.values(await this.entriesPerDay(query))) count += n;
    const { from, to } = query;
    for (const id of this.corruptLive) {
      const day = this.corrupt.get(id)?.localDate;
      if (day && within(day, from, to)) count--;
    }
    return count;
  }

  async daySummary(date: string): Promise<MoodSummary> {
    checkDate(date, 'date');
    return summarize(await this.entriesBetween(date, date), date, date);
  }

  private async period(period: PeriodSummary['period'], bounds: { from: string; to: string }) {
    return summarizePeriod(await this.digested(bounds.from, bounds.to), period, bounds.from, bounds.to);
  }

  async weekSummary(date: string): Promise<PeriodSummary> {
    checkDate(date, 'date');
    return this.period('week', weekOf(date, this.options.weekStartsOn ?? 1));
  }

  async monthSummary(date: string): Promise<PeriodSummary> {
    checkDate(date, 'date');
    return this.period('month', monthOf(date));
  }

  async yearSummary(date: string): Promise<PeriodSummary> {
    checkDate(date, 'date');
    return this.period('year', yearOf(date));
  }

  async moments(today?: string): Promise<Moments> {
    checkDate(today, 'today');
    const day = today ?? this.today();
    const moment = async (date: string): Promise<DayMoment> => {
      const entries = await this.entriesBetween(date, date, true);
      return { date, entries, summary: summarize(entries, date, date) };
    };
    const dates = momentDates(day);
    const [t, y, m, a] = await Promise.all([
      moment(dates.today),
      moment(dates.yesterday),
      moment(dates.monthAgo),
      moment(dates.yearAgo),
    ]);
    return { today: t, yesterday: y, monthAgo: m, yearAgo: a };
  }

  /** The whole diary's calendar rows, read again only when the change token has changed. */
  private wholeCalendar(): Promise<MonthCalendar[]> {
    this.calendarReading ??= (async () => {
      const last = this.calendarRead;
      if (last && (await this.backend.changeToken(this.profile)) === last.token) return last.months;
      const { months, token } = await this.backend.calendar(this.profile);
      this.calendarRead = token === undefined ? null : { token, months };
      return months;
    })().finally(() => (this.calendarReading = null));
    return this.calendarReading;
  }

  async streaks(today?: string): Promise<Streaks> {
    checkDate(today, 'today');
    this.guard();
    const months = await this.wholeCalendar();
    return streaksOf(
      months.flatMap((m) => Object.keys(m.days)),
      today ?? this.today(),
    );
  }

  async entriesPerDay(query: { from?: string; to?: string } = {}): Promise<Record<string, number>> {
    checkDate(query.from, 'from');
    checkDate(query.to, 'to');
    this.guard();
    const { from, to } = query;
    const months =
      from === undefined && to === undefined
        ? await this.wholeCalendar()
        : (await this.backend.calendar(this.profile, from?.slice(0, 7), to?.slice(0, 7))).months;
    const out: Record<string, number> = {};
    for (const m of months)
      for (const day of Object.keys(m.days).sort()) if (within(day, from, to)) out[day] = m.days[day]!;
    return out;
  }

  async moods(query: { from?: string; to?: string } = {}): Promise<MoodPoint[]> {
    return (await this.digested(query.from, query.to)).map(({ text: _text, ...point }) => point);
  }

  async byWeekday(query: { from?: string; to?: string } = {}): Promise<WeekdaySummary[]> {
    const entries = await this.digested(query.from, query.to);
    return summarizeWeekdays(
      entries,
      query.from ?? entries[0]?.localDate ?? '',
      query.to ?? entries[entries.length - 1]?.localDate ?? '',
    );
  }

  async distribution(query: { from?: string; to?: string } = {}): Promise<Distribution> {
    const entries = await this.digested(query.from, query.to);
    return distributionOf(
      entries,
      query.from ?? entries[0]?.localDate ?? null,
      query.to ?? entries[entries.length - 1]?.localDate ?? null,
    );
  }

  async search(text: string, query: SearchQuery = {}): Promise<MoodEntry[]> {
    if (typeof text !== 'string')
      throw new StoreError('invalid-query', 'The search text must be a string.', { details: {} });
    const limit = query.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1)
      throw new StoreError('invalid-query', 'limit must be a positive whole number.', { details: { limit } });
    const terms = foldText(text).split(/\s+/).filter(Boolean);
    checkDate(query.from, 'from');
    checkDate(query.to, 'to');
    this.guard();
    const found: string[] = [];
    if (terms.length)
      for await (const years of this.yearTextsNewestFirst(query.from, query.to)) {
        for (const year of years) findInYear(year, terms, query, limit, found);
        if (found.length >= limit) break;
      }
    // Only the hits are read whole (with their photos).
    const hits = await Promise.all(found.map((id) => this.get(id).catch(() => undefined)));
    return hits.filter((e): e is MoodEntry => e !== undefined);
  }

  /** What summaries and search read of the live entries between two days, in date order (month digests). */
  private async digested(from?: string, to?: string): Promise<DigestEntry[]> {
    checkDate(from, 'from');
    checkDate(to, 'to');
    this.guard();
    return inRange(await this.monthDigests(from?.slice(0, 7), to?.slice(0, 7)), from, to);
  }

  /**
   * The years' search texts within the bounds, newest first, in spans that double (1 year,
   * then 2, 4…): a search with its hits in recent years never opens the older ones, and one
   * that finds nothing reads one small row a year.
   */
  private async *yearTextsNewestFirst(from?: string, to?: string): AsyncGenerator<YearText[]> {
    const calendar = await this.wholeCalendar();
    const years = [...new Set(calendar.map((m) => m.month.slice(0, 4)))]
      .filter((year) => within(year, from?.slice(0, 4), to?.slice(0, 4)))
      .reverse();
    for (let at = 0, span = 1; at < years.length; at += span, span *= 2)
      yield await this.yearTexts(calendar, years.slice(at, at + span));
  }

  /**
   * Some years' search texts, in the order asked: each checked against the year's calendar
   * rows and taken from this session's memory, else from storage, else built from the
   * month digests (and stored again).
   */
  private async yearTexts(calendar: readonly MonthCalendar[], years: string[]): Promise<YearText[]> {
    const sigs = new Map(years.map((year) => [year, yearSignature(calendar, year)]));
    const stale = () => years.filter((year) => this.years.get(year)?.sig !== sigs.get(year));
    const context = (year: string) => `search\n${this.profile}\n${year}`;
    let wanted = stale();
    if (wanted.length === 0) return years.map((year) => this.years.get(year)!);
    const [newest, oldest] = [wanted[0]!, wanted[wanted.length - 1]!];
    const stored = await this.backend.yearTexts(this.profile, oldest, newest);
    await Promise.all(
      stored
        .filter((row) => sigs.has(row.year))
        .map(async (row) => {
          const text = await this.codec.open(row, context(row.year)).catch(() => undefined);
          if (isYearText(text, sigs.get(row.year)!)) this.years.set(row.year, text);
        }),
    );
    wanted = stale();
    if (wanted.length) {
      // One read of the months between the oldest and newest year still wanted.
      const months = await this.monthDigests(`${wanted[wanted.length - 1]}-01`, `${wanted[0]}-12`);
      const built = await Promise.all(
        wanted.map(async (year) => {
          const text = yearTextOf(
            sigs.get(year)!,
            months.filter((m) => m.entries[0]?.localDate.startsWith(`${year}-`)),
          );
          this.years.set(year, text);
          return { year, ...(await this.codec.seal(text, context(year))) };
        }),
      );
      // A cache: a full disk or a lost connection only means building it again next time.
      await this.backend.putYearTexts(this.profile, built).catch(() => undefined);
    }
    return years.map((year) => this.years.get(year)!);
  }

  /**
   * The months' digests, oldest first: each checked against its calendar row's
   * signature and taken from this session's memory, else from storage, else
   * rebuilt from the month's entries (and stored again). So a change made
   * anywhere (another tab, a purge) is never missed. For the whole diary, while
   * the profile's change token is the one they were checked under, straight
   * from memory.
   */
  private async monthDigests(fromMonth?: string, toMonth?: string): Promise<MonthDigest[]> {
    const whole = fromMonth === undefined && toMonth === undefined;
    if (whole) {
      const token = await this.backend.changeToken(this.profile);
      if (token !== undefined && this.checked?.token === token) return this.checked.months;
    }
    const calendar = await this.backend.calendar(this.profile, fromMonth, toMonth);
    const signatures = new Map(calendar.months.map((m) => [m.month, `${m.sig.n}:${m.sig.a}:${m.sig.b}`]));
    const context = (month: string) => `digest\n${this.profile}\n${month}`;
    const wanted = new Map([...signatures].filter(([month, sig]) => this.digests.get(month)?.sig !== sig));
    if (wanted.size > 0) {
      // Reads at the same time (a tracker's month, its weekdays, the song windows around four
      // days) share each month's load: a month is opened or rebuilt once, not once per caller.
      const key = (month: string) => `${month}|${wanted.get(month)}`;
      const fresh = new Map([...wanted].filter(([month]) => !this.digestLoads.has(key(month))));
      if (fresh.size > 0) {
        const load = this.loadDigests(fresh, context);
        for (const month of fresh.keys()) this.digestLoads.set(key(month), load);
        load
          .finally(() => {
            for (const month of fresh.keys())
              if (this.digestLoads.get(key(month)) === load) this.digestLoads.delete(key(month));
          })
          .catch(() => undefined);
      }
      await Promise.all(new Set([...wanted.keys()].map((month) => this.digestLoads.get(key(month)))));
    }
    if (whole)
      for (const month of this.digests.keys()) if (!signatures.has(month)) this.digests.delete(month);
    const months = [...signatures.keys()].map((month) => this.digests.get(month)!).filter(Boolean);
    // Checked under the token read with the calendar; a write since then has replaced it.
    if (whole) this.checked = calendar.token === undefined ? null : { token: calendar.token, months };
    return months;
  }

  /** Opens the stored digests of some months (by signature), rebuilding and storing those missing or stale. */
  private async loadDigests(wanted: Map<string, string>, context: (month: string) => string): Promise<void> {
    const months = [...wanted.keys()];
    const missing = new Map(wanted);
    const stored = await this.backend.digests(this.profile, months[0], months[months.length - 1]);
    await Promise.all(
      stored
        .filter((d) => missing.has(d.month))
        .map(async (d) => {
          const digest = (await this.codec.open(d, context(d.month)).catch(() => undefined)) as
            MonthDigest | undefined;
          if (
            digest?.v === DIGEST_VERSION &&
            digest.sig === missing.get(d.month) &&
            Array.isArray(digest.entries)
          ) {
            this.digests.set(d.month, digest);
            missing.delete(d.month);
          }
        }),
    );
    const rebuilt = await Promise.all(
      [...missing.keys()].map(async (month) => {
        const records = await this.backend.range(this.profile, { from: `${month}-01`, to: `${month}-31` });
        const digest: MonthDigest = {
          v: DIGEST_VERSION,
          sig: signatureOf(records),
          entries: (await this.decodeMany(records)).map(digestEntry),
        };
        this.digests.set(month, digest);
        return { month, ...(await this.codec.seal(digest, context(month))) };
      }),
    );
    // A cache: a full disk or a lost connection only means rebuilding next time.
    if (rebuilt.length) await this.backend.putDigests(this.profile, rebuilt).catch(() => undefined);
  }

  async settings(): Promise<Record<string, unknown>> {
    this.guard();
    const rows = await this.backend.settings(this.profile);
    const out: Record<string, unknown> = {};
    for (const row of rows) {
      // A setting that cannot be opened is left out, like a damaged entry: the rest still reads.
      const value = await this.codec.open(row, settingContext(this.profile, row.name)).catch(() => undefined);
      if (value !== undefined) out[row.name] = value;
    }
    return out;
  }

  async setSetting(name: string, value: unknown): Promise<void> {
    this.guard();
    if (typeof name !== 'string' || !SETTING_NAME.test(name))
      throw new StoreError(
        'invalid-query',
        'A setting name is 1 to 64 letters, digits, dots, dashes or underscores.',
        {
          details: { name },
        },
      );
    let json: string | undefined;
    try {
      json = value === undefined ? undefined : JSON.stringify(value);
    } catch (error) {
      throw new StoreError('invalid-entry', `The setting "${name}" is not plain JSON data.`, {
        cause: error,
        details: { name },
      });
    }
    if (json !== undefined && json.length > SETTING_MAX_CHARS)
      throw new StoreError('invalid-entry', `The setting "${name}" is larger than 64 KiB.`, {
        details: { name },
      });
    const sealed =
      json === undefined ? null : await this.codec.seal(JSON.parse(json), settingContext(this.profile, name));
    await this.backend.putSetting(this.profile, name, sealed, { requireProfile: this.requireProfile });
  }

  async corruptRecords(options: { scan?: boolean } = {}): Promise<CorruptRecord[]> {
    this.guard();
    if (options.scan) await this.decodeMany(await this.backend.range(this.profile, { includeDeleted: true }));
    return [...this.corrupt.values()];
  }

  async requestPersistence(): Promise<boolean> {
    this.persisted = await requestPersistentStorage();
    return this.persisted;
  }

  // ── lifecycle ───────────────────────────────────────────────────────────

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** @internal Used by profiles: forget the key; every later call fails with `locked`. */
  lockNow(): void {
    if (this.locked) return;
    this.locked = true;
    this.emit({ type: 'locked' });
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.plaintext.clear();
    this.digests.clear();
    this.digestLoads.clear();
    this.years.clear();
    this.checked = null;
    this.calendarRead = null;
    this.channel?.close();
    this.channel = null;
    this.unlisten();
    if (this.ownsBackend) this.backend.close();
    this.onClose?.();
  }
}

const PLAINTEXT_CACHE_SIZE = 50_000;

const SETTING_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const SETTING_MAX_CHARS = 65_536;
const settingContext = (profile: string, name: string) => `setting\n${profile}\n${name}`;

/** 2: entries carry `createdAt` (for `moods()`); older digests are rebuilt when next read. */
const DIGEST_VERSION = 2;

/** An entry as a month digest holds it: what summaries and search read. */
type DigestEntry = MoodPoint & { text: string };

/** A month's live entries as summaries and search read them, in date order. */
interface MonthDigest {
  v: typeof DIGEST_VERSION;
  /** The calendar signature of the month's live entries it was made from. */
  sig: string;
  entries: DigestEntry[];
}

function digestEntry(e: MoodEntry): DigestEntry {
  const out: DigestEntry = {
    id: e.id,
    localDate: e.localDate,
    createdAt: e.createdAt,
    source: e.source,
    label: e.label,
    confidence: e.confidence,
    text: searchTextOf(e),
  };
  if (e.probabilities) out.probabilities = e.probabilities;
  return out;
}

/** The entries of month digests that fall between two days (either may be open), in date order. */
function inRange(months: MonthDigest[], from?: string, to?: string): DigestEntry[] {
  const out: DigestEntry[] = [];
  for (const month of months) for (const e of month.entries) if (within(e.localDate, from, to)) out.push(e);
  return out;
}

/** The calendar's signature of some records (the live ones), as `monthDigests` compares it. */
function signatureOf(records: StoredRecord[]): string {
  let sig = EMPTY_SIGNATURE;
  for (const r of records) if (isLive(r)) sig = signWith(sig, r, 1);
  return `${sig.n}:${sig.a}:${sig.b}`;
}

/** Same nonce and clear fields: the same ciphertext (a new write always draws a new nonce). */
function sameCiphertext(a: StoredRecord, b: StoredRecord): boolean {
  return (
    !!a.iv &&
    !!b.iv &&
    sameBytes(a.iv, b.iv) &&
    a.localDate === b.localDate &&
    a.createdAt === b.createdAt &&
    a.updatedAt === b.updatedAt &&
    a.deletedAt === b.deletedAt &&
    a.profile === b.profile
  );
}

/** A copy of an entry that shares nothing mutable with it. */
function copyEntry(e: MoodEntry): MoodEntry {
  const out: MoodEntry = { ...e, tags: [...e.tags], songs: e.songs.map((s) => ({ ...s })) };
  if (e.probabilities) out.probabilities = { ...e.probabilities };
  return out;
}

/** True when two records are the same write (a retry finding its own first attempt). */
function sameRecord(a: StoredRecord, b: StoredRecord): boolean {
  if (a.updatedAt !== b.updatedAt || a.createdAt !== b.createdAt || a.localDate !== b.localDate) return false;
  if (a.iv || b.iv) return !!a.iv && !!b.iv && sameBytes(a.iv, b.iv);
  return JSON.stringify(a.data) === JSON.stringify(b.data);
}

/** Asks for persistent storage; false where the browser says no or has no such API. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    const storage = globalThis.navigator?.storage;
    if (!storage?.persist) return false;
    if (await storage.persisted?.()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
