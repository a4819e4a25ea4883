// `@moodiary/store/sync`: connect a profile to a Moodiary sync server (packages/server).
// Imported lazily: a diary used on one device loads none of this.
import { StoreError } from '../errors.js';
import {
  adoptProfileKey,
  extractableProfileKey,
  profileDataKey,
  type Diary,
  type ProfileStore,
} from '../profiles.js';
import { SyncApi, checkServer, type DeviceSession, type Session } from './api.js';
import { LINK_SETTING, SyncEngine, type SyncLink } from './engine.js';
import { SyncError } from './errors.js';
import {
  MIN_SYNC_ITERATIONS,
  checkKdf,
  deriveAccountKeys,
  normaliseUsername,
  randomSeed,
  unwrapDiaryKey,
  wrapDiaryKey,
  type Kdf,
} from './keys.js';
import { fromBase64 } from '../base64.js';

export { SyncError, isSyncError, type SyncErrorCode } from './errors.js';
export type { SyncEvent, SyncState, SyncStatus } from './engine.js';
export type { DeviceSession } from './api.js';
export { MIN_SYNC_ITERATIONS };

export interface SyncOptions {
  /** The server's address, `https://…` (`http://` only for localhost). */
  server: string;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
  /** What the device list shows for this device (e.g. "Chrome on a phone"); at most 100 characters. */
  deviceLabel?: string;
}

export interface AccountOptions extends SyncOptions {
  /** The account's name on the server (no spaces, `:` or `|`); compared in lower case. */
  username: string;
  passphrase: string;
}

/**
 * A profile's link to its server. `start()` syncs from then on (one tab per profile);
 * `syncNow()` runs one round and resolves when both sides agree.
 */
export interface DiarySync {
  readonly server: string;
  readonly username: string;
  readonly status: import('./engine.js').SyncStatus;
  readonly store: ProfileStore;
  start(): void;
  /** Stops syncing in this tab; local changes stay pending. */
  stop(): void;
  /** Stops and lets go of the store (the link stays saved: `resume` picks it up again). */
  close(): void;
  syncNow(): Promise<void>;
  subscribe(listener: (event: import('./engine.js').SyncEvent) => void): () => void;
  /** The account's signed-in devices (sessions). */
  devices(): Promise<DeviceSession[]>;
  /** Ends one session (another device's: it must log in again). */
  revokeDevice(sessionId: string): Promise<void>;
  /** Ends this device's session; the diary stays here, local-only. Unsynced changes stay unsynced. */
  logOut(): Promise<void>;
  /** Ends every session of the account (every device must log in again); this device goes local-only. */
  logOutEverywhere(): Promise<void>;
  /** Deletes the account and everything on the server, after checking the passphrase; each device keeps its diary. */
  deleteAccount(passphrase: string): Promise<void>;
}

async function params(api: SyncApi, username: string): Promise<{ seed: Uint8Array; kdf: Kdf }> {
  const res = await api.request<{ seed: string; kdf: unknown }>('POST', '/v1/auth/params', {
    body: { username },
    anonymous: true,
  });
  return { seed: fromBase64(res.seed), kdf: checkKdf(res.kdf) };
}

function checkUsername(username: unknown): string {
  if (typeof username !== 'string' || !/^[^\s:|]{1,64}$/u.test(username))
    throw new StoreError('invalid-entry', 'A username is 1 to 64 characters without spaces, ":" or "|".', {
      details: { field: 'username' },
    });
  return normaliseUsername(username);
}

const label = (options: SyncOptions) =>
  options.deviceLabel ? { label: options.deviceLabel.slice(0, 100) } : {};

/**
 * First device: creates the account on the server for an unlocked profile, whose data key becomes
 * the diary key (wrapped under a key from the passphrase that never leaves the device), and uploads
 * its entries. `passphrase` is the profile's: it must open it (`wrong-passphrase`).
 */
export async function connectProfile(
  diary: Diary,
  store: ProfileStore,
  options: AccountOptions,
): Promise<DiarySync> {
  const server = checkServer(options.server);
  const username = checkUsername(options.username);
  const api = new SyncApi(server, options.fetch);
  const dataKey = await extractableProfileKey(diary, store.profile, options.passphrase);
  const seed = randomSeed();
  const kdf: Kdf = { name: 'PBKDF2-SHA256', iterations: MIN_SYNC_ITERATIONS };
  const keys = await deriveAccountKeys(options.passphrase, username, fromBase64(seed), kdf);
  const session = await api.request<Session>('POST', '/v1/auth/signup', {
    anonymous: true,
    body: {
      username,
      seed,
      kdf,
      authKey: keys.authKey,
      wrappedDiaryKey: await wrapDiaryKey(keys.master, dataKey, username),
      deviceId: globalThis.crypto.randomUUID(),
      ...label(options),
    },
  });
  return link(store, { server, username, ...session, checkpoint: 0 }, options);
}

/**
 * Sign-up: a new local profile (named `profileName`, else the username) and its account on the
 * server. If the server refuses (`username-taken`…), the new profile is removed again.
 */
export async function signUp(
  diary: Diary,
  options: AccountOptions & { profileName?: string },
): Promise<DiarySync> {
  checkServer(options.server);
  checkUsername(options.username);
  const store = await diary.createProfile(options.profileName ?? options.username, options.passphrase);
  try {
    return await connectProfile(diary, store, options);
  } catch (error) {
    await diary.deleteProfile(store.profile, options.passphrase).catch(() => undefined);
    throw error;
  }
}

/**
 * Log-in on a new device: fetches the wrapped diary key, opens it with the passphrase, creates a
 * local profile that wraps the same key (so it unlocks offline from then on) and pulls the diary.
 * `bad-credentials` for a wrong username or passphrase (the same answer for both).
 */
export async function logIn(
  diary: Diary,
  options: AccountOptions & { profileName?: string },
): Promise<DiarySync> {
  const server = checkServer(options.server);
  const username = checkUsername(options.username);
  const api = new SyncApi(server, options.fetch);
  const { seed, kdf } = await params(api, username);
  const keys = await deriveAccountKeys(options.passphrase, username, seed, kdf);
  const deviceId = globalThis.crypto.randomUUID();
  const res = await api.request<Session & { keyId?: number; wrappedDiaryKey?: string }>(
    'POST',
    '/v1/auth/login',
    {
      anonymous: true,
      body: { username, authKey: keys.authKey, deviceId, ...label(options) },
    },
  );
  if (!res.wrappedDiaryKey) throw new SyncError('bad-key', 'The server has no diary key for this account.');
  const diaryKey = await unwrapDiaryKey(keys.master, res.wrappedDiaryKey, username, res.keyId ?? 0);
  const store = await adoptProfileKey(
    diary,
    options.profileName ?? options.username,
    options.passphrase,
    diaryKey,
  );
  const { keyId: _k, wrappedDiaryKey: _w, ...session } = res;
  const sync = await link(store, { server, username, ...session, checkpoint: 0 }, options);
  await sync.syncNow();
  return sync;
}

/** An unlocked profile's saved link, or `null` for a local-only profile. Does not start syncing. */
export async function resume(
  store: ProfileStore,
  options: { fetch?: typeof fetch } = {},
): Promise<DiarySync | null> {
  const saved = (await store.settings())[LINK_SETTING] as SyncLink | undefined;
  if (!saved?.token) return null;
  return open(store, saved, options);
}

async function link(
  store: ProfileStore,
  saved: SyncLink,
  options: { fetch?: typeof fetch },
): Promise<DiarySync> {
  await store.setSetting(LINK_SETTING, saved);
  return open(store, saved, options);
}

function open(store: ProfileStore, saved: SyncLink, options: { fetch?: typeof fetch }): DiarySync {
  const engine = new SyncEngine({
    store,
    diaryKey: profileDataKey(store),
    link: saved,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const api = engine.session;
  /** This device leaves the account: the link and the per-entry sync state go; entries stay. */
  const forget = async () => {
    engine.close();
    const names = Object.keys(await store.settings()).filter((n) => n.startsWith('sync.'));
    for (const name of names) await store.setSetting(name, undefined);
  };
  const ended = async (call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (error) {
      // a session already gone is what was asked for
      if (!(error instanceof SyncError && error.code === 'unauthorized')) throw error;
    }
    await forget();
  };
  return {
    server: saved.server,
    username: saved.username,
    store,
    get status() {
      return engine.status;
    },
    start: () => engine.start(),
    stop: () => engine.stop(),
    close: () => engine.close(),
    syncNow: () => engine.syncNow(),
    subscribe: (listener) => engine.subscribe(listener),
    devices: async () =>
      (await api.request<{ sessions: DeviceSession[] }>('GET', '/v1/account/devices')).sessions,
    revokeDevice: async (sessionId) => {
      await api.request('DELETE', `/v1/account/devices/${encodeURIComponent(sessionId)}`);
    },
    logOut: () => ended(() => api.request('POST', '/v1/auth/logout')),
    logOutEverywhere: () => ended(() => api.request('POST', '/v1/auth/logout-all')),
    deleteAccount: async (passphrase) => {
      const { seed, kdf } = await params(api, saved.username);
      const keys = await deriveAccountKeys(passphrase, saved.username, seed, kdf);
      await api.request('DELETE', '/v1/account', { body: { authKey: keys.authKey } });
      await forget();
    },
  };
}
