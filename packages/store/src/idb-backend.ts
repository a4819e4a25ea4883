import { wrap, type IDBPDatabase } from 'idb';
import {
  isLive,
  sameBytes,
  within,
  type Backend,
  type BackendEvent,
  EMPTY_SIGNATURE,
  calendarOf,
  signWith,
  type MonthCalendar,
  type MonthSignature,
  type ProfileRecord,
  type RangeOptions,
  type SearchDigest,
  type SealedYear,
  type SealedSetting,
  type StoredRecord,
  type StoredThumbnail,
  type WriteOptions,
  type WriteResult,
} from './backend.js';
import { StoreError, isStoreError, toStoreError } from './errors.js';

/**
 * Schema history.
 *
 * Version 1 held one person's entries, unencrypted: `entries` (keyPath `id`,
 * index `localDate`), entries without `songs` and `updatedAt`.
 *
 * Version 2 held each profile's entries grouped in one row per month
 * (`months`, keyPath `[profile, month]`, the records in `records`). Every save
 * rewrote its whole month row: slow in a busy month, megabytes with photos,
 * one damaged row hid a month, and on a full disk not even a delete fit.
 *
 * Version 3 (current):
 * - `records`: one row per entry, keyPath `[profile, id]`; each encrypted on its
 *   own. Index `byDate` on `[profile, localDate, createdAt, id]` (date order,
 *   paging), index `byUpdated` on `[profile, updatedAt]` (sync).
 * - `thumbnails`: an entry's photo, keyPath `[profile, id]`, `{ ref, data }` or
 *   `{ ref, iv, ct }`; read only when entries are returned whole, never
 *   rewritten when the entry alone changes.
 * - `calendar`: keyPath `[profile, month]`, `{ days: { 'YYYY-MM-DD': count },
 *   sig }` of live entries (see `MonthCalendar`), kept in the same transaction
 *   as every write: calendars, streaks and search's freshness check read these
 *   small rows and no entry.
 * - `search`: keyPath `[profile, month]`, one encrypted digest of the month's
 *   searchable words (see `SearchDigest`): a cache, rebuilt when stale.
 * - `searchYears`: keyPath `[profile, year]`, one encrypted search text of the
 *   year's live entries (see `SealedYear`): a cache, rebuilt when stale.
 * - `settings`: keyPath `[profile, name]`, a profile's settings, each sealed (see `SealedSetting`).
 * - `changes`: keyPath `profile`, `{ token, complete }`: a token every write
 *   replaces, so caches check it instead of rereading; `complete` says the
 *   calendar rows are whole. A purge on a full disk can only delete: it drops
 *   the months' calendar rows and this row, and the next read rebuilds them.
 * - `profiles`: keyPath `id`. Every write of an encrypted profile reads its row
 *   inside the write's transaction, so nothing is written once it is deleted.
 * Upgrading 1 → 3 moves every entry into the plain profile `''`; 2 → 3 moves
 * every record out of its month row (plain thumbnails move to `thumbnails`;
 * encrypted ones stay inside their entry until it is next saved). 3 → 4 adds
 * `searchYears` and `settings`.
 */
const DB_VERSION = 4;
export const RECORDS = 'records';
const THUMBNAILS = 'thumbnails';
const CALENDAR = 'calendar';
const SEARCH = 'search';
const SEARCH_YEARS = 'searchYears';
const SETTINGS = 'settings';
const CHANGES = 'changes';
export const PROFILES = 'profiles';
export const V1_ENTRIES = 'entries';
export const V2_MONTHS = 'months';

/** A thumbnail as stored: its entry's key and the thumbnail. */
type ThumbnailRow = StoredThumbnail & { profile: string; id: string };

/** How long a read of a whole diary may take (100,000 entries on a slow phone) before it counts as hung. */
const BIG_READ_MS = 60_000;

/** A fresh change token. */
function newToken(): string {
  return globalThis.crypto.randomUUID();
}

/** A calendar row as stored. */
type CalendarRow = MonthCalendar & { profile: string };

/** The `changes` row of a profile. */
interface ChangeRow {
  profile: string;
  token: string;
  /** The calendar rows are whole (false once a purge on a full disk dropped some). */
  complete: boolean;
}

/** The record as stored in `records`: without its thumbnail. */
function rowOf(r: StoredRecord): StoredRecord {
  if (!r.thumb) return r;
  const { thumb: _thumb, ...row } = r;
  return row;
}

/** Moves a plain record's inline thumbnail (versions 1 and 2) to its own row. */
function splitPlainThumbnail(r: StoredRecord): { record: StoredRecord; thumb?: ThumbnailRow } {
  const thumbnail = r.data?.thumbnail;
  if (r.iv || typeof thumbnail !== 'string') return { record: r };
  const { thumbnail: _t, ...data } = r.data!;
  const ref = `v2-${r.id}`;
  return {
    record: { ...r, data, thumbRef: ref },
    thumb: { profile: r.profile, id: r.id, ref, data: thumbnail },
  };
}

/** True for a record that can be keyed: a string profile and id. */
function keyable(r: unknown): r is StoredRecord {
  return (
    !!r &&
    typeof r === 'object' &&
    typeof (r as StoredRecord).profile === 'string' &&
    typeof (r as StoredRecord).id === 'string'
  );
}

export interface IdbBackendOptions {
  name: string;
  indexedDB: IDBFactory;
  /** How long one `open()` may take (default 4000 ms); a blocked upgrade waits this long too. */
  openTimeoutMs: number;
  /** Attempts to open before giving up with `timeout` (default 3). */
  openAttempts: number;
  /** How long one read or write may take before the connection is considered lost (default 10 s). */
  operationTimeoutMs: number;
  /** @internal Test hook: runs inside every write transaction just before commit. */
  beforeCommit?: (records: StoredRecord[]) => void;
  /** @internal Test hook: awaited before every operation; a promise that never settles simulates a hung call. */
  stall?: (what: string) => Promise<void> | undefined;
  /** @internal Test hook: runs after every committed write; may throw to simulate a lost reply. */
  afterCommit?: (records: StoredRecord[]) => void;
}

/** Moves one version-1 entry into a version-2 record of the plain profile. */
function migrateV1Entry(v1: Record<string, unknown>): StoredRecord {
  const { id, localDate, createdAt, deletedAt, ...rest } = v1;
  const record: StoredRecord = {
    profile: '',
    id: id as string,
    localDate: localDate as string,
    createdAt: createdAt as string,
    updatedAt: typeof rest.updatedAt === 'string' ? rest.updatedAt : (createdAt as string),
    data: { songs: [], ...rest },
  };
  delete record.data!.updatedAt;
  if (typeof deletedAt === 'string') record.deletedAt = deletedAt;
  return record;
}

function upgrade(db: IDBDatabase, tx: IDBTransaction, oldVersion: number): void {
  if (oldVersion < 3) upgradeTo3(db, tx, oldVersion);
  if (oldVersion < 4) {
    db.createObjectStore(SEARCH_YEARS, { keyPath: ['profile', 'year'] });
    db.createObjectStore(SETTINGS, { keyPath: ['profile', 'name'] });
  }
}

function upgradeTo3(db: IDBDatabase, tx: IDBTransaction, oldVersion: number): void {
  const records = db.createObjectStore(RECORDS, { keyPath: ['profile', 'id'] });
  records.createIndex('byDate', ['profile', 'localDate', 'createdAt', 'id']);
  records.createIndex('byUpdated', ['profile', 'updatedAt']);
  const thumbnails = db.createObjectStore(THUMBNAILS, { keyPath: ['profile', 'id'] });
  if (oldVersion < 2) db.createObjectStore(PROFILES, { keyPath: 'id' });
  // Version 2's calendar rows had no signature: rebuilt from the records.
  if (db.objectStoreNames.contains(CALENDAR)) db.deleteObjectStore(CALENDAR);
  const calendar = db.createObjectStore(CALENDAR, { keyPath: ['profile', 'month'] });
  db.createObjectStore(SEARCH, { keyPath: ['profile', 'month'] });
  const changes = db.createObjectStore(CHANGES, { keyPath: 'profile' });
  const moved = new Map<string, StoredRecord[]>(); // by profile, live only
  const keep = (r: StoredRecord) => {
    const { record, thumb } = splitPlainThumbnail(r);
    records.put(record);
    if (thumb) thumbnails.put(thumb);
    const list = moved.get(record.profile) ?? [];
    moved.set(record.profile, list);
    if (isLive(record)) list.push(record);
  };
  const finish = () => {
    for (const [profile, list] of moved) {
      for (const row of calendarOf(list).values()) calendar.put({ ...row, profile } satisfies CalendarRow);
      changes.put({ profile, token: newToken(), complete: true } satisfies ChangeRow);
    }
  };
  const old = oldVersion < 2 ? V1_ENTRIES : V2_MONTHS;
  if (!db.objectStoreNames.contains(old)) return;
  let damaged = 0;
  const request = tx.objectStore(old).openCursor();
  request.onsuccess = () => {
    const cursor = request.result;
    if (!cursor) {
      finish();
      // A version-2 month row that cannot be read stays where it is, for recovery; nothing is dropped.
      if (damaged === 0) db.deleteObjectStore(old);
      return;
    }
    const value = cursor.value as Record<string, unknown>;
    if (oldVersion < 2) {
      if (value && typeof value === 'object' && typeof value.id === 'string') keep(migrateV1Entry(value));
    } else if (Array.isArray(value?.records)) {
      // A damaged record inside a good row moves as it is: reading it reports it, alone.
      for (const r of value.records as unknown[]) if (keyable(r)) keep(r);
      cursor.delete();
    } else damaged++;
    cursor.continue();
  };
}

function isConnectionLost(error: unknown): boolean {
  if (isStoreError(error)) return error.code === 'timeout';
  const name = (error as { name?: string } | null)?.name;
  const message = String((error as { message?: string } | null)?.message ?? '');
  return (
    name === 'InvalidStateError' ||
    name === 'UnknownError' ||
    /connection.*(lost|closed|closing)|database.*clos/i.test(message)
  );
}

function timeoutError(what: string, ms: number): StoreError {
  return new StoreError(
    'timeout',
    `The diary storage did not answer within ${ms} ms while trying to ${what}.`,
    {
      details: { context: what, ms },
    },
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timeoutError(what, ms)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * IndexedDB through `idb`. Opens lazily with a timeout and retries, reopens a
 * lost connection and retries the operation (every write is idempotent by id),
 * closes on `versionchange`, reports a blocked upgrade.
 */
export class IdbBackend implements Backend {
  readonly kind = 'indexeddb' as const;
  private db: IDBPDatabase | null = null;
  private opening: Promise<IDBPDatabase> | null = null;
  private everOpened = false;
  private closed = false;
  private readonly listeners = new Set<(event: BackendEvent) => void>();

  constructor(private readonly options: IdbBackendOptions) {}

  onEvent(listener: (event: BackendEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: BackendEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** Opens (or reuses) the connection. Rejects with `timeout`, `blocked`, `version` or `storage-unavailable`. */
  connect(): Promise<IDBPDatabase> {
    if (this.closed) return Promise.reject(new StoreError('closed', 'The diary was closed.'));
    if (this.db) return Promise.resolve(this.db);
    if (!this.opening) {
      this.opening = this.openWithRetries().then(
        (raw) => {
          this.opening = null;
          if (this.closed) {
            raw.close();
            throw new StoreError('closed', 'The diary was closed.');
          }
          const db = wrap(raw);
          raw.onversionchange = () => {
            raw.close();
            if (this.db === db) this.db = null;
            this.emit({ type: 'versionchange' });
          };
          raw.onclose = () => {
            if (this.db === db) this.db = null;
          };
          this.db = db;
          if (this.everOpened) this.emit({ type: 'reconnected' });
          this.everOpened = true;
          return db;
        },
        (error: unknown) => {
          this.opening = null;
          throw error;
        },
      );
    }
    return this.opening;
  }

  private async openWithRetries(): Promise<IDBDatabase> {
    const attempts = Math.max(1, this.options.openAttempts);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.openOnce();
      } catch (error) {
        if (isStoreError(error, 'timeout') && attempt < attempts) continue;
        throw error;
      }
    }
  }

  private openOnce(): Promise<IDBDatabase> {
    const { name, indexedDB: factory, openTimeoutMs } = this.options;
    return new Promise((resolve, reject) => {
      let settled = false;
      let blocked = false;
      let request: IDBOpenDBRequest;
      try {
        request = factory.open(name, DB_VERSION);
      } catch (error) {
        reject(
          new StoreError('storage-unavailable', 'This browser does not let the diary use IndexedDB here.', {
            cause: error,
          }),
        );
        return;
      }
      const timer = setTimeout(() => {
        settled = true;
        reject(
          blocked
            ? new StoreError(
                'blocked',
                'The diary is open in another tab with an older version. Close the other tabs of the diary, then try again.',
                { details: { name } },
              )
            : timeoutError('open the diary', openTimeoutMs),
        );
      }, openTimeoutMs);
      request.onupgradeneeded = (event) => {
        upgrade(request.result, request.transaction!, event.oldVersion);
      };
      request.onblocked = () => {
        blocked = true;
        this.emit({ type: 'blocked' });
      };
      request.onsuccess = () => {
        const db = request.result;
        if (settled) {
          db.close();
          return;
        }
        settled = true;
        clearTimeout(timer);
        resolve(db);
      };
      request.onerror = (event) => {
        event.preventDefault();
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(toStoreError(request.error, 'open the diary'));
      };
    });
  }

  /** Runs an operation, reopening a lost connection and retrying (at most twice). */
  private async run<T>(what: string, op: (db: IDBPDatabase) => Promise<T>, size = 0): Promise<T> {
    // Big writes get more time (`size` ms: 3 ms per record), and so do reads of a whole diary.
    const timeoutMs = Math.max(this.options.operationTimeoutMs, size);
    for (let attempt = 0; ; attempt++) {
      const db = await this.connect();
      try {
        const work = async () => {
          await this.options.stall?.(what);
          return op(db);
        };
        return await withTimeout(work(), timeoutMs, what);
      } catch (error) {
        if (attempt < 2 && !this.closed && isConnectionLost(error)) {
          if (this.db === db) {
            this.db = null;
            try {
              db.close();
            } catch {
              // already closed
            }
          }
          continue;
        }
        throw toStoreError(error, what);
      }
    }
  }

  /** @internal Test hook: closes the connection underneath, like Safari does to background tabs. */
  dropConnection(): void {
    this.db?.close();
  }

  get(
    profile: string,
    id: string,
    options: { thumbnails?: boolean } = {},
  ): Promise<StoredRecord | undefined> {
    return this.run('read an entry', async (db) => {
      const tx = db.transaction(options.thumbnails ? [RECORDS, THUMBNAILS] : RECORDS, 'readonly');
      const record = (await tx.objectStore(RECORDS).get([profile, id])) as StoredRecord | undefined;
      if (record?.thumbRef && options.thumbnails)
        await attachThumbnails(tx.objectStore(THUMBNAILS), [record]);
      return record;
    });
  }

  range(profile: string, o: RangeOptions): Promise<StoredRecord[]> {
    const everything = o.limit === undefined && (o.from === undefined || o.to === undefined);
    return this.run(
      'read entries',
      async (db) => {
        const cmp = (a: IDBValidKey, b: IDBValidKey) => this.options.indexedDB.cmp(a, b);
        let lower: IDBValidKey = o.from !== undefined ? [profile, o.from] : [profile];
        let upper: IDBValidKey = o.to !== undefined ? [profile, o.to, []] : [profile, []];
        let lowerOpen = false;
        let upperOpen = false;
        if (o.after) {
          const at: IDBValidKey = [profile, ...o.after];
          if (o.reverse && cmp(at, upper) <= 0) [upper, upperOpen] = [at, true];
          if (!o.reverse && cmp(at, lower) >= 0) [lower, lowerOpen] = [at, true];
        }
        const order = cmp(lower, upper);
        if (order > 0 || (order === 0 && (lowerOpen || upperOpen))) return [];
        const range = IDBKeyRange.bound(lower, upper, lowerOpen, upperOpen);
        const tx = db.transaction(o.thumbnails ? [RECORDS, THUMBNAILS] : RECORDS, 'readonly');
        const index = tx.objectStore(RECORDS).index('byDate');
        const limit = o.limit ?? Infinity;
        const out: StoredRecord[] = [];
        if (!o.reverse) {
          // Forward in getAll batches, one request each (a cursor costs one per record); a batch
          // short of live entries (deleted ones skipped) is followed by the next.
          let from = range;
          for (;;) {
            const want = limit - out.length;
            const batch = (await index.getAll(from, want === Infinity ? undefined : want)) as StoredRecord[];
            for (const r of batch) if (o.includeDeleted || !r.deletedAt) out.push(r);
            const last = batch[batch.length - 1];
            if (want === Infinity || batch.length < want || out.length >= limit || !last) break;
            from = IDBKeyRange.bound(
              [profile, last.localDate, last.createdAt, last.id],
              upper,
              true,
              upperOpen,
            );
          }
        } else {
          let cursor = await index.openCursor(range, 'prev');
          while (cursor && out.length < limit) {
            const r = cursor.value as StoredRecord;
            if (o.includeDeleted || !r.deletedAt) out.push(r);
            cursor = await cursor.continue();
          }
        }
        // The whole profile's thumbnails in one read only when the whole diary is read: a month's page
        // with many photos must not read every year's.
        if (o.thumbnails)
          await attachThumbnails(tx.objectStore(THUMBNAILS), out, everything ? profile : undefined);
        return out;
      },
      everything ? BIG_READ_MS : 0,
    );
  }

  write(profile: string, records: StoredRecord[], options: WriteOptions): Promise<WriteResult> {
    for (const r of records) if (r.profile !== profile) throw new Error('record of another profile');
    return this.run(
      'save entries',
      async (db) => {
        const tx = db.transaction([RECORDS, THUMBNAILS, CALENDAR, SEARCH, CHANGES, PROFILES], 'readwrite', {
          durability: 'strict',
        });
        const store = tx.objectStore(RECORDS);
        const thumbnails = tx.objectStore(THUMBNAILS);
        const result: WriteResult = { written: [], existing: [] };
        try {
          // The profile check reads inside this transaction: a delete commits wholly before or after it.
          const [current, wasComplete] = await Promise.all([
            currentRecords(store, profile, records),
            calendarComplete(tx.objectStore(CHANGES), store, profile),
            options.requireProfile && requireProfile(tx.objectStore(PROFILES), profile),
          ]);
          for (const [id, updatedAt] of Object.entries(options.expect ?? {}))
            if ((current.get(id)?.updatedAt ?? null) !== updatedAt)
              throw new StoreError(
                'conflict',
                'The entry was changed elsewhere while this change was being saved.',
                { details: { id } },
              );
          const calendar = new CalendarChanges(tx.objectStore(CALENDAR), profile);
          const written: StoredRecord[] = [];
          const seen = new Set<string>();
          const requests: Promise<unknown>[] = [];
          for (const r of records) {
            const before = current.get(r.id);
            if (options.mode === 'insert' && (before || seen.has(r.id))) {
              if (before) result.existing.push(before);
              continue;
            }
            seen.add(r.id);
            calendar.count(before, -1);
            calendar.count(r, 1);
            current.set(r.id, r);
            requests.push(store.put(rowOf(r)));
            if (r.thumb)
              requests.push(thumbnails.put({ ...r.thumb, profile, id: r.id } satisfies ThumbnailRow));
            else if (!r.thumbRef && before?.thumbRef) requests.push(thumbnails.delete([profile, r.id]));
            written.push(r);
          }
          if (written.length) requests.push(calendar.save(tx.objectStore(CHANGES), wasComplete));
          const puts = Promise.all(requests);
          puts.catch(() => undefined); // an abort rejects them all; the transaction's error is what counts
          this.options.beforeCommit?.(written);
          await puts;
          await tx.done;
          result.written = written.map((r) => r.id);
          this.options.afterCommit?.(written);
          return result;
        } catch (error) {
          await abandon(tx);
          throw error;
        }
      },
      // One row per entry: 0.3–1 ms each on a slow, busy device (measured), so 3 ms is generous.
      records.length * 3,
    );
  }

  remove(profile: string, ids: string[], options: { requireProfile?: boolean } = {}): Promise<void> {
    return this.run('delete entries', async (db) => {
      try {
        await this.removeOnce(db, profile, ids, options, false);
      } catch (error) {
        if (!isStoreError(toStoreError(error, ''), 'storage-quota')) throw error;
        // A full disk takes deletes only: drop the months' calendar rows too; the next read rebuilds them.
        await this.removeOnce(db, profile, ids, options, true);
      }
    });
  }

  private async removeOnce(
    db: IDBPDatabase,
    profile: string,
    ids: string[],
    options: { requireProfile?: boolean },
    deletesOnly: boolean,
  ): Promise<void> {
    const tx = db.transaction(
      [RECORDS, THUMBNAILS, CALENDAR, SEARCH, SEARCH_YEARS, CHANGES, PROFILES],
      'readwrite',
      {
        durability: 'strict',
      },
    );
    try {
      const store = tx.objectStore(RECORDS);
      const [found, wasComplete] = await Promise.all([
        Promise.all(ids.map((id) => store.get([profile, id]) as Promise<StoredRecord | undefined>)),
        calendarComplete(tx.objectStore(CHANGES), store, profile),
        options.requireProfile && requireProfile(tx.objectStore(PROFILES), profile),
      ]);
      const months = [...new Set(found.map((r) => r?.localDate?.slice(0, 7)))].filter(
        (m): m is string => typeof m === 'string',
      );
      const calendar = new CalendarChanges(tx.objectStore(CALENDAR), profile);
      for (const r of found) calendar.count(r, -1);
      await Promise.all([
        ...ids.map((id) => store.delete([profile, id])),
        ...ids.map((id) => tx.objectStore(THUMBNAILS).delete([profile, id])),
        // A digest may hold the words of what is deleted for good: it goes too, rebuilt when next searched.
        ...months.map((month) => tx.objectStore(SEARCH).delete([profile, month])),
        ...[...new Set(months.map((month) => month.slice(0, 4)))].map((year) =>
          tx.objectStore(SEARCH_YEARS).delete([profile, year]),
        ),
        ...(deletesOnly
          ? [
              ...months.map((month) => tx.objectStore(CALENDAR).delete([profile, month])),
              tx.objectStore(CHANGES).delete(profile),
            ]
          : [calendar.save(tx.objectStore(CHANGES), wasComplete)]),
      ]);
      this.options.beforeCommit?.([]);
      await tx.done;
    } catch (error) {
      await abandon(tx);
      throw error;
    }
  }

  calendar(
    profile: string,
    fromMonth?: string,
    toMonth?: string,
  ): Promise<{ months: MonthCalendar[]; token?: string }> {
    return this.run('read the calendar', async (db) => {
      const lower = fromMonth !== undefined ? [profile, fromMonth] : [profile];
      const upper = toMonth !== undefined ? [profile, toMonth] : [profile, []];
      if (this.options.indexedDB.cmp(lower, upper) > 0) return { months: [] };
      const tx = db.transaction([CALENDAR, CHANGES, RECORDS], 'readonly');
      // The token is read in the same transaction as the rows: the same moment.
      const [rows, change, any] = await Promise.all([
        tx.objectStore(CALENDAR).getAll(IDBKeyRange.bound(lower, upper)) as Promise<CalendarRow[]>,
        tx.objectStore(CHANGES).get(profile) as Promise<ChangeRow | undefined>,
        tx.objectStore(RECORDS).getKey(IDBKeyRange.bound([profile], [profile, []])),
      ]);
      if (change?.complete || any === undefined) {
        const months = rows.filter(isCalendarRow).map(({ month, days, sig }) => ({ month, days, sig }));
        return change?.token ? { months, token: change.token } : { months };
      }
      return this.rebuildCalendar(db, profile, fromMonth, toMonth);
    });
  }

  /** Recounts the calendar from the records (after a purge on a full disk), and keeps it if there is room. */
  private async rebuildCalendar(
    db: IDBPDatabase,
    profile: string,
    fromMonth?: string,
    toMonth?: string,
  ): Promise<{ months: MonthCalendar[]; token?: string }> {
    const tx = db.transaction([RECORDS, CALENDAR, CHANGES], 'readwrite', { durability: 'strict' });
    const all = IDBKeyRange.bound([profile], [profile, []]);
    const records = (await tx.objectStore(RECORDS).getAll(all)) as StoredRecord[];
    const rows = calendarOf(records);
    const token = newToken();
    const saving = Promise.all([
      tx.objectStore(CALENDAR).delete(all),
      ...[...rows.values()].map((row) =>
        tx.objectStore(CALENDAR).put({ ...row, profile } satisfies CalendarRow),
      ),
      tx.objectStore(CHANGES).put({ profile, token, complete: true } satisfies ChangeRow),
    ]);
    saving.catch(() => undefined);
    const kept = await tx.done.then(
      () => true,
      () => false, // no room: counted again next time
    );
    const months = [...rows.values()]
      .filter((m) => within(m.month, fromMonth, toMonth))
      .sort((a, b) => (a.month < b.month ? -1 : 1));
    return kept ? { months, token } : { months };
  }

  changeToken(profile: string): Promise<string | undefined> {
    return this.run('read the change token', async (db) => {
      const change = (await db.get(CHANGES, profile)) as { token?: string } | undefined;
      return typeof change?.token === 'string' ? change.token : undefined;
    });
  }

  digests(profile: string, fromMonth?: string, toMonth?: string): Promise<SearchDigest[]> {
    return this.run('read the search digests', (db) =>
      this.readSealed(db, SEARCH, profile, fromMonth, toMonth),
    );
  }

  putDigests(profile: string, digests: SearchDigest[]): Promise<void> {
    return this.run('save the search digests', (db) => putCaches(db, SEARCH, profile, digests));
  }

  yearTexts(profile: string, fromYear?: string, toYear?: string): Promise<SealedYear[]> {
    return this.run('read the search texts', (db) =>
      this.readSealed(db, SEARCH_YEARS, profile, fromYear, toYear),
    );
  }

  putYearTexts(profile: string, years: SealedYear[]): Promise<void> {
    return this.run('save the search texts', (db) => putCaches(db, SEARCH_YEARS, profile, years));
  }

  /** A profile's sealed cache rows between two keys (months or years, each bound open when absent). */
  private async readSealed<T extends { iv: Uint8Array; ct: ArrayBuffer }>(
    db: IDBPDatabase,
    store: string,
    profile: string,
    from?: string,
    to?: string,
  ): Promise<T[]> {
    const lower = from !== undefined ? [profile, from] : [profile];
    const upper = to !== undefined ? [profile, to] : [profile, []];
    if (this.options.indexedDB.cmp(lower, upper) > 0) return [];
    const rows = (await db.getAll(store, IDBKeyRange.bound(lower, upper))) as T[];
    return rows.filter((r) => r?.iv instanceof Uint8Array && r.ct instanceof ArrayBuffer);
  }

  settings(profile: string): Promise<SealedSetting[]> {
    return this.run('read the settings', async (db) => {
      const rows = (await db.getAll(
        SETTINGS,
        IDBKeyRange.bound([profile], [profile, []]),
      )) as SealedSetting[];
      return rows.filter((r) => r?.iv instanceof Uint8Array && r.ct instanceof ArrayBuffer);
    });
  }

  putSetting(
    profile: string,
    name: string,
    sealed: Omit<SealedSetting, 'name'> | null,
    options: { requireProfile?: boolean } = {},
  ): Promise<void> {
    return this.run('save a setting', async (db) => {
      const tx = db.transaction([SETTINGS, PROFILES], 'readwrite', { durability: 'strict' });
      try {
        // Checked inside the transaction: a profile deleted meanwhile gets nothing back.
        if (options.requireProfile) await requireProfile(tx.objectStore(PROFILES), profile);
        await (sealed
          ? tx.objectStore(SETTINGS).put({ profile, name, iv: sealed.iv, ct: sealed.ct })
          : tx.objectStore(SETTINGS).delete([profile, name]));
        await tx.done;
      } catch (error) {
        await abandon(tx);
        throw error;
      }
    });
  }

  profiles(): Promise<ProfileRecord[]> {
    return this.run('read profiles', (db) => db.getAll(PROFILES) as Promise<ProfileRecord[]>);
  }

  getProfile(id: string): Promise<ProfileRecord | undefined> {
    return this.run('read a profile', (db) => db.get(PROFILES, id) as Promise<ProfileRecord | undefined>);
  }

  putProfile(
    profile: ProfileRecord,
    options: { uniqueName?: boolean; expectWrapIv?: Uint8Array } = {},
  ): Promise<void> {
    return this.run('save the profile', async (db) => {
      const tx = db.transaction(PROFILES, 'readwrite', { durability: 'strict' });
      try {
        if (options.uniqueName) {
          const name = profile.name.toLocaleLowerCase();
          const all = (await tx.store.getAll()) as ProfileRecord[];
          if (all.some((p) => p.id !== profile.id && p.name.toLocaleLowerCase() === name))
            throw new StoreError(
              'profile-exists',
              `A profile named "${profile.name}" already exists on this device.`,
              {
                details: { name: profile.name },
              },
            );
        }
        if (options.expectWrapIv) {
          const current = (await tx.store.get(profile.id)) as ProfileRecord | undefined;
          // Deleted meanwhile (another tab): saving it again would bring back an empty profile.
          if (!current)
            throw new StoreError('not-found', 'There is no such profile on this device.', {
              details: { id: profile.id },
            });
          if (!sameBytes(current.wrap.iv, options.expectWrapIv))
            throw new StoreError('conflict', 'The profile was changed elsewhere; try again.', {
              details: { id: profile.id },
            });
        }
        await tx.store.put(profile);
        await tx.done;
      } catch (error) {
        await abandon(tx);
        throw error;
      }
    });
  }

  deleteProfile(id: string): Promise<void> {
    return this.run('delete the profile', async (db) => {
      const tx = db.transaction(
        [RECORDS, THUMBNAILS, CALENDAR, SEARCH, SEARCH_YEARS, SETTINGS, CHANGES, PROFILES],
        'readwrite',
        {
          durability: 'strict',
        },
      );
      const all = IDBKeyRange.bound([id], [id, []]);
      await Promise.all([
        tx.objectStore(RECORDS).delete(all),
        tx.objectStore(THUMBNAILS).delete(all),
        tx.objectStore(CALENDAR).delete(all),
        tx.objectStore(SEARCH).delete(all),
        tx.objectStore(SEARCH_YEARS).delete(all),
        tx.objectStore(SETTINGS).delete(all),
        tx.objectStore(CHANGES).delete(id),
        tx.objectStore(PROFILES).delete(id),
        tx.done,
      ]);
    });
  }

  close(): void {
    this.closed = true;
    this.db?.close();
    this.db = null;
  }
}

/** The part of an `idb` object store these helpers use. */
interface ReadStore {
  get(key: IDBValidKey): Promise<unknown>;
  getKey(key: IDBValidKey | IDBKeyRange): Promise<IDBValidKey | undefined>;
  getAll(range?: IDBKeyRange): Promise<unknown[]>;
  getAllKeys(range?: IDBKeyRange): Promise<IDBValidKey[]>;
}
interface Store extends ReadStore {
  put(value: unknown): Promise<IDBValidKey>;
  delete(key: IDBValidKey | IDBKeyRange): Promise<void>;
}

/** Fails with `profile-deleted` unless the profile's row is there, read inside the caller's transaction. */
/** Keeps sealed cache rows (digests, year texts) as they are, each with its profile; never for a deleted profile. */
async function putCaches(db: IDBPDatabase, store: string, profile: string, rows: object[]): Promise<void> {
  const tx = db.transaction([store, PROFILES], 'readwrite');
  // Never for a deleted profile: its words would outlive it.
  if ((await tx.objectStore(PROFILES).getKey(profile)) === undefined && profile.startsWith('p_')) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return;
  }
  await Promise.all([...rows.map((row) => tx.objectStore(store).put({ ...row, profile })), tx.done]);
}

async function requireProfile(profiles: Store, profile: string): Promise<void> {
  if ((await profiles.getKey(profile)) === undefined)
    throw new StoreError(
      'profile-deleted',
      'This profile was deleted (perhaps in another tab), so the change was not saved.',
      { details: { profile } },
    );
}

/** The stored versions of the records about to be written, by id. */
/** Aborts a transaction that may already be over, and waits until it has ended. */
async function abandon(tx: { abort(): void; done: Promise<unknown> }): Promise<void> {
  try {
    tx.abort();
  } catch {
    // already finished or aborted
  }
  await tx.done.catch(() => undefined);
}

async function currentRecords(
  store: Store,
  profile: string,
  records: StoredRecord[],
): Promise<Map<string, StoredRecord>> {
  const out = new Map<string, StoredRecord>();
  let ids = [...new Set(records.map((r) => r.id))];
  if (ids.length > 64) {
    // An import: list the profile's keys once and read only the records that are already there.
    const keys = (await store.getAllKeys(IDBKeyRange.bound([profile], [profile, []]))) as [string, string][];
    const present = new Set(keys.map((k) => k[1]));
    ids = ids.filter((id) => present.has(id));
  }
  const found = (await Promise.all(ids.map((id) => store.get([profile, id])))) as (
    StoredRecord | undefined
  )[];
  found.forEach((r, i) => r && out.set(ids[i]!, r));
  return out;
}

/** Reads the thumbnails of records that name one (given `profile`, all of its thumbnails at once for long lists). */
async function attachThumbnails(store: ReadStore, records: StoredRecord[], profile?: string): Promise<void> {
  const wanted = records.filter((r) => r.thumbRef);
  if (wanted.length === 0) return;
  let rows: (ThumbnailRow | undefined)[];
  if (profile !== undefined && wanted.length > 200) {
    const all = (await store.getAll(IDBKeyRange.bound([profile], [profile, []]))) as ThumbnailRow[];
    const byId = new Map(all.map((t) => [t.id, t]));
    rows = wanted.map((r) => byId.get(r.id));
  } else
    rows = (await Promise.all(wanted.map((r) => store.get([r.profile, r.id])))) as (
      ThumbnailRow | undefined
    )[];
  wanted.forEach((r, i) => {
    const t = rows[i];
    if (t) r.thumb = { ref: t.ref, ...(t.data !== undefined ? { data: t.data } : { iv: t.iv!, ct: t.ct! }) };
  });
}

/** Whether the profile's calendar rows are whole, read at the start of a write: no change row yet means whole only for a profile with no records. */
async function calendarComplete(changes: Store, records: Store, profile: string): Promise<boolean> {
  const [change, first] = await Promise.all([
    changes.get(profile) as Promise<ChangeRow | undefined>,
    records.getKey(IDBKeyRange.bound([profile], [profile, []])),
  ]);
  return change ? change.complete === true : first === undefined;
}

function isCalendarRow(row: unknown): row is CalendarRow {
  const r = row as CalendarRow | undefined;
  return !!r && typeof r.month === 'string' && !!r.days && typeof r.days === 'object' && !!r.sig;
}

/** Calendar months changed by a write, applied to their rows in the same transaction, with a new change token. */
class CalendarChanges {
  private readonly delta = new Map<string, { days: Map<string, number>; sig: MonthSignature }>();
  constructor(
    private readonly store: Store,
    private readonly profile: string,
  ) {}

  count(r: StoredRecord | undefined, by: 1 | -1): void {
    if (!r || !isLive(r)) return;
    const month = r.localDate.slice(0, 7);
    const d = this.delta.get(month) ?? { days: new Map<string, number>(), sig: EMPTY_SIGNATURE };
    d.days.set(r.localDate, (d.days.get(r.localDate) ?? 0) + by);
    d.sig = signWith(d.sig, r, by);
    this.delta.set(month, d);
  }

  /** Updates the month rows and replaces the change token; rows found missing or damaged mark the calendar incomplete. */
  async save(changes: Store, wasComplete: boolean): Promise<void> {
    let complete = wasComplete;
    await Promise.all(
      [...this.delta].map(async ([month, d]) => {
        const key = [this.profile, month];
        const row = (await this.store.get(key)) as CalendarRow | undefined;
        const removes = [...d.days.values()].some((n) => n < 0);
        if (row === undefined ? removes : !isCalendarRow(row)) complete = false;
        const days: Record<string, number> = isCalendarRow(row) ? { ...row.days } : {};
        for (const [day, n] of d.days) {
          const next = (days[day] ?? 0) + n;
          if (next > 0) days[day] = next;
          else delete days[day];
        }
        const base = isCalendarRow(row) ? row.sig : EMPTY_SIGNATURE;
        const sig = { n: base.n + d.sig.n, a: (base.a ^ d.sig.a) >>> 0, b: (base.b ^ d.sig.b) >>> 0 };
        if (Object.keys(days).length === 0) await this.store.delete(key);
        else await this.store.put({ profile: this.profile, month, days, sig } satisfies CalendarRow);
      }),
    );
    await changes.put({ profile: this.profile, token: newToken(), complete } satisfies ChangeRow);
  }
}
