import { wrap, type IDBPDatabase } from 'idb';
import {
  compareSortKeys,
  countDays,
  sameBytes,
  sortKeyOf,
  type Backend,
  type BackendEvent,
  type ProfileRecord,
  type RangeOptions,
  type StoredRecord,
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
 * Version 2 (current) holds profiles, and each profile's entries grouped by
 * month, so that importing ten years is a few hundred writes instead of ten
 * thousand, a month is one read and a year twelve:
 * - `months`: one row per profile and month, keyPath `[profile, month]`
 *   (`month` = `YYYY-MM`), holding that month's records sorted by
 *   `[localDate, createdAt, id]`; each record is still encrypted on its own.
 *   Index `byEntry` (multiEntry over `entryKeys`, one `[profile, id]` per
 *   record) finds an entry by id; index `byUpdated` on `[profile, updatedAt]`
 *   (the month's latest change) lets a sync find changed months.
 * - `calendar`: keyPath `[profile, month]`, `{ days: { 'YYYY-MM-DD': count } }`
 *   of live entries, written with the month row: streaks and calendars read
 *   these small rows instead of every entry.
 * - `profiles`: keyPath `id`.
 * Upgrading 1 → 2 moves every entry into the plain profile `''`.
 */
export const DB_VERSION = 2;
export const MONTHS = 'months';
export const CALENDAR = 'calendar';
export const PROFILES = 'profiles';
export const V1_ENTRIES = 'entries';

/** One month of one profile's records, as stored. */
export interface MonthRow {
  profile: string;
  month: string;
  updatedAt: string;
  entryKeys: [string, string][];
  records: StoredRecord[];
}

/** The calendar row of a month's records. */
export function calendarRow(profile: string, month: string, records: StoredRecord[]) {
  return { profile, month, days: Object.fromEntries(countDays(records)) };
}

export function monthKeyOf(localDate: unknown): string {
  return typeof localDate === 'string' ? localDate.slice(0, 7) : '';
}

/** Builds a month row from its records (sorted, keys and latest change filled). */
export function monthRow(profile: string, month: string, records: StoredRecord[]): MonthRow {
  records.sort((a, b) => compareSortKeys(sortKeyOf(a), sortKeyOf(b)));
  let updatedAt = '';
  for (const r of records)
    if (typeof r.updatedAt === 'string' && r.updatedAt > updatedAt) updatedAt = r.updatedAt;
  return { profile, month, updatedAt, entryKeys: records.map((r) => [profile, r.id]), records };
}

/** The records of a stored month row; a damaged row yields one record that fails to decode (and is reported). */
function recordsOf(row: MonthRow): StoredRecord[] {
  if (row && Array.isArray(row.records)) return row.records;
  const month = typeof row?.month === 'string' ? row.month : '';
  return [
    {
      profile: row?.profile ?? '',
      id: `month:${month}`,
      localDate: `${month}-01`,
      createdAt: '',
      updatedAt: '',
    },
  ];
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
export function migrateV1Entry(v1: Record<string, unknown>): StoredRecord {
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
  if (oldVersion < 2) {
    const months = db.createObjectStore(MONTHS, { keyPath: ['profile', 'month'] });
    months.createIndex('byEntry', 'entryKeys', { multiEntry: true });
    months.createIndex('byUpdated', ['profile', 'updatedAt']);
    const calendar = db.createObjectStore(CALENDAR, { keyPath: ['profile', 'month'] });
    db.createObjectStore(PROFILES, { keyPath: 'id' });
    if (db.objectStoreNames.contains(V1_ENTRIES)) {
      const byMonth = new Map<string, StoredRecord[]>();
      const request = tx.objectStore(V1_ENTRIES).openCursor();
      request.onsuccess = () => {
        const cursor = request.result;
        if (cursor) {
          const value = cursor.value as Record<string, unknown>;
          if (value && typeof value === 'object' && typeof value.id === 'string') {
            const r = migrateV1Entry(value);
            const month = monthKeyOf(r.localDate);
            byMonth.set(month, [...(byMonth.get(month) ?? []), r]);
          }
          cursor.continue();
        } else {
          for (const [month, records] of byMonth) {
            months.put(monthRow('', month, records));
            calendar.put(calendarRow('', month, records));
          }
          db.deleteObjectStore(V1_ENTRIES);
        }
      };
    }
  }
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
    // Big writes get more time: at least 1 ms per record.
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

  get(profile: string, id: string): Promise<StoredRecord | undefined> {
    return this.run('read an entry', async (db) => {
      const row = (await db.getFromIndex(MONTHS, 'byEntry', [profile, id])) as MonthRow | undefined;
      return row ? recordsOf(row).find((r) => r.id === id) : undefined;
    });
  }

  range(profile: string, o: RangeOptions): Promise<StoredRecord[]> {
    return this.run('read entries', async (db) => {
      const cmp = (a: IDBValidKey, b: IDBValidKey) => this.options.indexedDB.cmp(a, b);
      const lower: IDBValidKey = o.from !== undefined ? [profile, monthKeyOf(o.from)] : [profile];
      const upper: IDBValidKey = o.to !== undefined ? [profile, monthKeyOf(o.to)] : [profile, []];
      if (cmp(lower, upper) > 0) return [];
      let range = IDBKeyRange.bound(lower, upper);
      if (o.after) {
        const at: IDBValidKey = [profile, monthKeyOf(o.after[0])];
        if (o.reverse && cmp(at, upper) < 0) range = IDBKeyRange.bound(lower, at);
        if (!o.reverse && cmp(at, lower) > 0) range = IDBKeyRange.bound(at, upper);
        if (cmp(range.lower, range.upper) > 0) return [];
      }
      const out: StoredRecord[] = [];
      const limit = o.limit ?? Infinity;
      /** Adds a month's records in order; false once the page is full. */
      const take = (row: MonthRow): boolean => {
        const records = recordsOf(row);
        const n = records.length;
        for (let k = 0; k < n; k++) {
          const r = records[o.reverse ? n - 1 - k : k]!;
          if (o.from !== undefined && r.localDate < o.from) continue;
          if (o.to !== undefined && r.localDate > o.to) continue;
          if (r.deletedAt && !o.includeDeleted) continue;
          if (o.after) {
            const c = compareSortKeys(sortKeyOf(r), o.after);
            if (o.reverse ? c >= 0 : c <= 0) continue;
          }
          out.push(r);
          if (out.length >= limit) return false;
        }
        return true;
      };
      const store = db.transaction(MONTHS, 'readonly').store;
      if (limit === Infinity && !o.reverse) {
        for (const row of (await store.getAll(range)) as MonthRow[]) take(row);
        return out;
      }
      let cursor = await store.openCursor(range, o.reverse ? 'prev' : 'next');
      while (cursor && take(cursor.value as MonthRow)) cursor = await cursor.continue();
      return out;
    });
  }

  write(profile: string, records: StoredRecord[], options: WriteOptions): Promise<WriteResult> {
    for (const r of records) if (r.profile !== profile) throw new Error('record of another profile');
    return this.run(
      'save entries',
      async (db) => {
        const tx = db.transaction([MONTHS, CALENDAR], 'readwrite', { durability: 'strict' });
        const store = tx.objectStore(MONTHS);
        const calendar = tx.objectStore(CALENDAR);
        const result: WriteResult = { written: [], existing: [] };
        /** Loaded month rows (their records), and which ones changed. */
        const months = new Map<string, StoredRecord[]>();
        const dirty = new Set<string>();
        /** Where each entry of interest currently is. */
        const where = new Map<string, string>();
        const load = async (month: string) => {
          let list = months.get(month);
          if (!list) {
            const row = (await store.get([profile, month])) as MonthRow | undefined;
            list = row ? [...recordsOf(row)] : [];
            months.set(month, list);
          }
          return list;
        };
        try {
          if (records.length > 64) {
            // Many entries (an import): read the profile's months in one go.
            const rows = (await store.getAll(IDBKeyRange.bound([profile], [profile, []]))) as MonthRow[];
            for (const row of rows) {
              const list = [...recordsOf(row)];
              months.set(row.month, list);
              for (const r of list) where.set(r.id, row.month);
            }
          } else {
            // Where the entries are now, and the months they go to, in one round trip.
            const targets = [...new Set(records.map((r) => monthKeyOf(r.localDate)))];
            const [rows, targetRows] = (await Promise.all([
              Promise.all(records.map((r) => store.index('byEntry').get([profile, r.id]))),
              Promise.all(targets.map((month) => store.get([profile, month]))),
            ])) as [(MonthRow | undefined)[], (MonthRow | undefined)[]];
            targets.forEach((month, i) => {
              const row = targetRows[i];
              const list = row ? [...recordsOf(row)] : [];
              months.set(month, list);
              for (const r of list) where.set(r.id, month);
            });
            for (const row of rows) {
              if (!row || months.has(row.month)) continue;
              const list = [...recordsOf(row)];
              months.set(row.month, list);
              for (const r of list) where.set(r.id, row.month);
            }
          }
          const find = (id: string) => {
            const month = where.get(id);
            return month === undefined ? undefined : months.get(month)!.find((r) => r.id === id);
          };
          for (const [id, updatedAt] of Object.entries(options.expect ?? {}))
            if ((find(id)?.updatedAt ?? null) !== updatedAt)
              throw new StoreError(
                'conflict',
                'The entry was changed elsewhere while this change was being saved.',
                {
                  details: { id },
                },
              );
          const written: StoredRecord[] = [];
          const seen = new Set<string>();
          for (const r of records) {
            const current = find(r.id);
            if (options.mode === 'insert' && (current || seen.has(r.id))) {
              if (current) result.existing.push(current);
              continue;
            }
            seen.add(r.id);
            if (current) {
              const from = where.get(r.id)!;
              const list = months.get(from)!;
              list.splice(list.indexOf(current), 1);
              dirty.add(from);
            }
            const month = monthKeyOf(r.localDate);
            (await load(month)).push(r);
            where.set(r.id, month);
            dirty.add(month);
            written.push(r);
          }
          const puts = Promise.all(
            [...dirty].flatMap((month): Promise<unknown>[] => {
              const list = months.get(month)!;
              return list.length
                ? [store.put(monthRow(profile, month, list)), calendar.put(calendarRow(profile, month, list))]
                : [store.delete([profile, month]), calendar.delete([profile, month])];
            }),
          );
          puts.catch(() => undefined); // an abort rejects them all; the transaction's error is what counts
          this.options.beforeCommit?.(written);
          await puts;
          await tx.done;
          result.written = written.map((r) => r.id);
          this.options.afterCommit?.(written);
          return result;
        } catch (error) {
          try {
            tx.abort();
          } catch {
            // already finished or aborted
          }
          await tx.done.catch(() => undefined);
          throw error;
        }
      },
      records.length,
    );
  }

  remove(profile: string, ids: string[]): Promise<void> {
    return this.run('delete entries', async (db) => {
      const tx = db.transaction([MONTHS, CALENDAR], 'readwrite', { durability: 'strict' });
      const store = tx.objectStore(MONTHS);
      const calendar = tx.objectStore(CALENDAR);
      const gone = new Set(ids);
      const rows = (await Promise.all(ids.map((id) => store.index('byEntry').get([profile, id])))) as (
        MonthRow | undefined
      )[];
      const done = new Set<string>();
      for (const row of rows) {
        if (!row || done.has(row.month)) continue;
        done.add(row.month);
        const list = recordsOf(row).filter((r) => !gone.has(r.id));
        const key = [profile, row.month];
        await Promise.all(
          list.length
            ? [
                store.put(monthRow(profile, row.month, list)),
                calendar.put(calendarRow(profile, row.month, list)),
              ]
            : [store.delete(key), calendar.delete(key)],
        );
      }
      await tx.done;
    });
  }

  dayCounts(profile: string, from?: string, to?: string): Promise<Map<string, number>> {
    return this.run('read the calendar', async (db) => {
      const lower = from !== undefined ? [profile, monthKeyOf(from)] : [profile];
      const upper = to !== undefined ? [profile, monthKeyOf(to)] : [profile, []];
      if (this.options.indexedDB.cmp(lower, upper) > 0) return new Map();
      const rows = (await db.getAll(CALENDAR, IDBKeyRange.bound(lower, upper))) as {
        days?: Record<string, number>;
      }[];
      const out = new Map<string, number>();
      for (const row of rows)
        for (const [day, n] of Object.entries(row.days ?? {}))
          if ((from === undefined || day >= from) && (to === undefined || day <= to) && typeof n === 'number')
            out.set(day, n);
      return out;
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
          if (!current || !sameBytes(current.wrap.iv, options.expectWrapIv))
            throw new StoreError('conflict', 'The profile was changed elsewhere; try again.', {
              details: { id: profile.id },
            });
        }
        await tx.store.put(profile);
        await tx.done;
      } catch (error) {
        try {
          tx.abort();
        } catch {
          // finished
        }
        await tx.done.catch(() => undefined);
        throw error;
      }
    });
  }

  deleteProfile(id: string): Promise<void> {
    return this.run('delete the profile', async (db) => {
      const tx = db.transaction([MONTHS, CALENDAR, PROFILES], 'readwrite', { durability: 'strict' });
      await Promise.all([
        tx.objectStore(MONTHS).delete(IDBKeyRange.bound([id], [id, []])),
        tx.objectStore(CALENDAR).delete(IDBKeyRange.bound([id], [id, []])),
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
