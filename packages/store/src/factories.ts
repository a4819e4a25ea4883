import type { Backend } from './backend.js';
import { plainCodec } from './codec.js';
import { StoreError, isStoreError } from './errors.js';
import { IdbBackend, type IdbBackendOptions } from './idb-backend.js';
import { MemoryBackend } from './memory-backend.js';
import { DiaryStore, requestPersistentStorage, type StoreOptions } from './store.js';
import type { MoodStore } from './types.js';

/** Where and how to open the IndexedDB database. */
export interface IndexedDbOptions {
  /** Database name (default `moodiary`). Tests and multi-diary hosts use their own. */
  name?: string;
  /** The IndexedDB factory (default `globalThis.indexedDB`). */
  indexedDB?: IDBFactory;
  /** How long one `open()` may take, in ms (default 4000). A blocked upgrade waits this long, then fails with `blocked`. */
  openTimeoutMs?: number;
  /** Attempts to open before giving up (default 3). */
  openAttempts?: number;
  /** How long one read or write may take before the connection is reopened and the operation retried (default 10000). */
  operationTimeoutMs?: number;
  /**
   * What to do when IndexedDB cannot be used (missing, disabled, private mode,
   * `open()` hanging): `memory` (default) keeps the diary working in memory, with
   * `persistence: 'memory'` and `fallbackReason` set so the UI can say so;
   * `error` throws `storage-unavailable` or `timeout`. A `blocked` or `version`
   * error always throws: it needs the user to close or reload a tab.
   */
  fallback?: 'memory' | 'error';
  /** Ask the browser for persistent storage on open (default true); see `persisted`. */
  persist?: boolean;
  /**
   * Called at once when opening waits for other tabs that hold an older version
   * of the database: tell the user to close them. Opening keeps waiting up to
   * `openTimeoutMs`, then fails with `blocked`.
   */
  onBlocked?: () => void;
}

export interface IndexedDbStoreOptions extends StoreOptions, IndexedDbOptions {
  /**
   * Scope key for hosts that manage accounts themselves: entries of different
   * scopes never mix (default `''`). These entries are not encrypted; use
   * `openDiary()` profiles for encryption.
   */
  scope?: string;
}

/** Opens the backend, falling back to memory where allowed. */
export async function openBackend(options: IndexedDbOptions): Promise<{
  backend: Backend;
  fallbackReason?: Error;
  persisted: boolean | null;
  /** The answer to the persistence request, when it comes later (Firefox asks the user). */
  persistedLater?: Promise<boolean>;
  channelName?: string;
}> {
  const name = options.name ?? 'moodiary';
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  const fallback = (reason: StoreError) => {
    if (options.fallback === 'error') throw reason;
    return { backend: new MemoryBackend(), fallbackReason: reason, persisted: false };
  };
  if (!factory)
    return fallback(
      new StoreError(
        'storage-unavailable',
        'This browser gives the diary no IndexedDB (private mode?); entries are kept only until the page closes.',
      ),
    );
  const idbOptions: IdbBackendOptions = {
    name,
    indexedDB: factory,
    openTimeoutMs: options.openTimeoutMs ?? 4000,
    openAttempts: options.openAttempts ?? 3,
    operationTimeoutMs: options.operationTimeoutMs ?? 10_000,
  };
  const backend = new IdbBackend(idbOptions);
  const stopListening = backend.onEvent((event) => {
    if (event.type === 'blocked') options.onBlocked?.();
  });
  try {
    await backend.connect();
  } catch (error) {
    backend.close();
    stopListening();
    if (isStoreError(error, 'storage-unavailable') || isStoreError(error, 'timeout')) return fallback(error);
    throw error;
  }
  stopListening();
  const channelName = `moodiary-store:${name}`;
  if (options.persist === false) return { backend, persisted: null, channelName };
  // Never wait on a permission prompt: take the answer if it comes at once, else fill it in later.
  const persistedLater = requestPersistentStorage();
  const persisted = await Promise.race([
    persistedLater,
    new Promise<null>((r) => setTimeout(() => r(null), 300)),
  ]);
  return { backend, persisted, persistedLater, channelName };
}

/** Plain scopes must not reach into encrypted profiles (whose ids start with `p_`). */
export function checkScope(scope: unknown): string {
  if (typeof scope !== 'string' || scope.startsWith('p_') || scope.length > 200)
    throw new StoreError(
      'invalid-query',
      'A scope is a string of at most 200 characters not starting with "p_".',
      {
        details: { scope },
      },
    );
  return scope;
}

/** A store that keeps entries in memory only: for tests, demos and as the fallback. */
export function createMemoryStore(options: StoreOptions = {}): MoodStore {
  return new DiaryStore({
    backend: new MemoryBackend(),
    codec: plainCodec,
    profile: '',
    options,
    persisted: false,
    ownsBackend: true,
  });
}

/**
 * Opens the plain (unencrypted) diary in IndexedDB, for hosts that handle
 * accounts and encryption themselves. Falls back to memory where IndexedDB is
 * unavailable (see `fallback`); check `store.persistence`.
 *
 * @example
 * const store = await createIndexedDbStore();
 * if (store.persistence === 'memory') showBanner('Entries will be lost when you close this page.');
 * await store.add({ label: 'happy', note: '산책했다' });
 */
export async function createIndexedDbStore(options: IndexedDbStoreOptions = {}): Promise<MoodStore> {
  const scope = checkScope(options.scope ?? '');
  const opened = await openBackend(options);
  return new DiaryStore({
    ...opened,
    codec: plainCodec,
    profile: scope,
    options,
    ownsBackend: true,
  });
}
