import { wrap, type IDBPDatabase } from 'idb';
import {
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
 * Schema history. Version 1 held one person's entries, unencrypted:
 * `entries` (keyPath `id`, index `localDate`), entries without `songs` and
 * `updatedAt`. Version 2 (current) holds profiles and records of any profile:
 * - `records`: keyPath `[profile, id]`; index `byDate` on
 *   `[profile, localDate, createdAt, id]` (every date query and page is one key
 *   range of it) and `byUpdated` on `[profile, updatedAt]` (for sync).
 * - `profiles`: keyPath `id`.
 * Upgrading 1 → 2 moves every entry into the plain profile `''`.
 */
export const DB_VERSION = 2;
export const RECORDS = 'records';
export const PROFILES = 'profiles';
export const V1_ENTRIES = 'entries';

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
    const records = db.createObjectStore(RECORDS, { keyPath: ['profile', 'id'] });
    records.createIndex('byDate', ['profile', 'localDate', 'createdAt', 'id']);
    records.createIndex('byUpdated', ['profile', 'updatedAt']);
    db.createObjectStore(PROFILES, { keyPath: 'id' });
    if (db.objectStoreNames.contains(V1_ENTRIES)) {
      const request = tx.objectStore(V1_ENTRIES).openCursor();
      request.onsuccess = () => {
        const cursor = request.result;
        if (cursor) {
          const value = cursor.value as Record<string, unknown>;
          if (value && typeof value === 'object' && typeof value.id === 'string') {
            const r = migrateV1Entry(value);
            if (typeof r.localDate !== 'string') r.localDate = '';
            if (typeof r.createdAt !== 'string') r.createdAt = '';
            records.put(r);
          }
          cursor.continue();
        } else {
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
  private async run<T>(what: string, op: (db: IDBPDatabase) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const db = await this.connect();
      try {
        return await withTimeout(op(db), this.options.operationTimeoutMs, what);
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
    return this.run(
      'read an entry',
      (db) => db.get(RECORDS, [profile, id]) as Promise<StoredRecord | undefined>,
    );
  }

  range(profile: string, o: RangeOptions): Promise<StoredRecord[]> {
    return this.run('read entries', async (db) => {
      const cmp = (a: IDBValidKey, b: IDBValidKey) => this.options.indexedDB.cmp(a, b);
      let lower: IDBValidKey = o.from !== undefined ? [profile, o.from] : [profile];
      let upper: IDBValidKey = o.to !== undefined ? [profile, o.to, []] : [profile, []];
      let lowerOpen = false;
      let upperOpen = false;
      if (o.after) {
        const at = [profile, ...o.after];
        if (o.reverse && cmp(at, upper) < 0) [upper, upperOpen] = [at, true];
        if (!o.reverse && cmp(at, lower) > 0) [lower, lowerOpen] = [at, true];
      }
      if (cmp(lower, upper) >= 0) return [];
      const index = db.transaction(RECORDS, 'readonly').store.index('byDate');
      const keep = (r: StoredRecord) => o.includeDeleted || !r.deletedAt;
      const out: StoredRecord[] = [];
      if (!o.reverse) {
        let range = IDBKeyRange.bound(lower, upper, lowerOpen, upperOpen);
        for (;;) {
          const want = o.limit === undefined ? undefined : o.limit - out.length;
          const batch = (await index.getAll(range, want)) as StoredRecord[];
          for (const r of batch) if (keep(r)) out.push(r);
          if (want === undefined || batch.length < want || out.length >= o.limit!) return out;
          const last = batch[batch.length - 1]!;
          range = IDBKeyRange.bound([profile, ...sortKeyOf(last)], upper, true, upperOpen);
        }
      }
      let cursor = await index.openCursor(IDBKeyRange.bound(lower, upper, lowerOpen, upperOpen), 'prev');
      while (cursor && (o.limit === undefined || out.length < o.limit)) {
        const r = cursor.value as StoredRecord;
        if (keep(r)) out.push(r);
        cursor = await cursor.continue();
      }
      return out;
    });
  }

  write(profile: string, records: StoredRecord[], options: WriteOptions): Promise<WriteResult> {
    for (const r of records) if (r.profile !== profile) throw new Error('record of another profile');
    return this.run('save entries', async (db) => {
      const tx = db.transaction(RECORDS, 'readwrite', { durability: 'strict' });
      const result: WriteResult = { written: [], existing: [] };
      try {
        const store = tx.store;
        for (const [id, updatedAt] of Object.entries(options.expect ?? {})) {
          const current = (await store.get([profile, id])) as StoredRecord | undefined;
          if ((current?.updatedAt ?? null) !== updatedAt)
            throw new StoreError(
              'conflict',
              'The entry was changed elsewhere while this change was being saved.',
              {
                details: { id },
              },
            );
        }
        let toWrite = records;
        if (options.mode === 'insert') {
          let present: Set<string>;
          if (records.length > 64) {
            const keys = await store.getAllKeys(IDBKeyRange.bound([profile], [profile, []]));
            present = new Set(keys.map((k) => (k as [string, string])[1]));
          } else {
            const keys = await Promise.all(records.map((r) => store.getKey([profile, r.id])));
            present = new Set(records.filter((_, i) => keys[i] !== undefined).map((r) => r.id));
          }
          const seen = new Set<string>();
          toWrite = [];
          const existingIds: string[] = [];
          for (const r of records) {
            if (present.has(r.id)) existingIds.push(r.id);
            else if (!seen.has(r.id)) {
              seen.add(r.id);
              toWrite.push(r);
            }
          }
          result.existing = (await Promise.all(
            existingIds.map((id) => store.get([profile, id])),
          )) as StoredRecord[];
        }
        const puts = Promise.all(toWrite.map((r) => store.put(r)));
        puts.catch(() => undefined); // an abort rejects them all; the transaction's error is what counts
        this.options.beforeCommit?.(toWrite);
        await puts;
        await tx.done;
        result.written = toWrite.map((r) => r.id);
        this.options.afterCommit?.(toWrite);
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
    });
  }

  remove(profile: string, ids: string[]): Promise<void> {
    return this.run('delete entries', async (db) => {
      const tx = db.transaction(RECORDS, 'readwrite', { durability: 'strict' });
      await Promise.all([...ids.map((id) => tx.store.delete([profile, id])), tx.done]);
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
      const tx = db.transaction([RECORDS, PROFILES], 'readwrite', { durability: 'strict' });
      await Promise.all([
        tx.objectStore(RECORDS).delete(IDBKeyRange.bound([id], [id, []])),
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
