import type { Backend, ProfileRecord } from './backend.js';
import { CryptoCodec, plainCodec } from './codec.js';
import {
  DEFAULT_KDF_ITERATIONS,
  checkIterations,
  createProfileKey,
  rewrapProfileKey,
  unwrapProfileKey,
  wrapProfileKey,
} from './crypto.js';
import { StoreError } from './errors.js';
import { checkNewPassphrase, type PassphraseRule } from './passphrase.js';
import { checkScope, openBackend, type IndexedDbOptions } from './factories.js';
import { DiaryStore, type StoreOptions } from './store.js';
import type { EntryStore, MoodStore } from './types.js';

/**
 * `minPassphraseLength` (default 8) and `minPassphraseScore` (default 3, see `passphraseStrength`)
 * apply to new passphrases only: `unlock` accepts any existing one.
 */
export interface DiaryOptions extends StoreOptions, IndexedDbOptions, PassphraseRule {
  /** PBKDF2 iterations for new profiles and passphrase changes (default 600,000; at least 10,000). */
  kdfIterations?: number;
  /** Lock an unlocked profile after this many ms without a call (default: never). */
  autoLockMs?: number;
}

/** What the profile picker shows. Names are stored in clear; everything in the diary is not. */
export interface ProfileInfo {
  id: string;
  name: string;
  createdAt: string;
}

/**
 * An unlocked profile as a view of it needs it: its entries, and where offered its name and lock.
 * Every {@link ProfileStore} is one; so is a host's own {@link EntryStore}.
 */
export interface ProfileEntryStore extends EntryStore {
  /** The profile's id. */
  readonly profile?: string;
  readonly profileName?: string;
  /** Forgets the key; every later call fails with `locked`. */
  lock?(): void;
}

/** A profile's diary, unlocked. Locking (or closing) it forgets the key. */
export interface ProfileStore extends MoodStore {
  readonly profileName: string;
  /** Forgets the key; every later call fails with `locked`. */
  lock(): void;
}

/** What `Diary.subscribe` listeners receive. */
export type DiaryEvent =
  /** Profiles were created, renamed or deleted, here (`local`) or in another tab (`remote`): refresh the list. */
  | { type: 'profiles'; origin: 'local' | 'remote' }
  | { type: 'versionchange' }
  | { type: 'blocked' }
  | { type: 'reconnected' };

/**
 * Sign-up, log-in, lock and delete: what a sign-in screen needs of a diary's profiles
 * (`@moodiary/elements`' `<mood-sign-in>` and `<mood-diary>`). Every {@link Diary} is one; so is a
 * host's own with these methods.
 */
export interface ProfileDirectory {
  /** Where profiles live (`indexeddb`, `memory`, or the host's own word). */
  readonly persistence?: string;
  listProfiles(): Promise<readonly ProfileInfo[]>;
  /** Creates a profile and returns it unlocked; `profile-exists`, `weak-passphrase` as a {@link Diary}. */
  createProfile(name: string, passphrase: string): Promise<ProfileEntryStore>;
  /** `wrong-passphrase` when it does not match. */
  unlock(profileId: string, passphrase: string): Promise<ProfileEntryStore>;
  lock(profileId: string): void;
  /** Deletes the profile and all its entries, after checking the passphrase. */
  deleteProfile(profileId: string, passphrase: string): Promise<void>;
  /** Re-wraps the profile's key under a new passphrase: `wrong-passphrase`, `weak-passphrase` as a {@link Diary}. */
  changePassphrase?(profileId: string, oldPassphrase: string, newPassphrase: string): Promise<void>;
}

/**
 * The diary's profiles on this device: sign-up (`createProfile`), log-in
 * (`unlock`), log-out (`lock`), change passphrase, delete. Each profile's
 * entries are encrypted with its own random data key, which is stored wrapped
 * by a key derived from the passphrase.
 */
export interface Diary extends ProfileDirectory {
  readonly persistence: 'indexeddb' | 'memory';
  readonly fallbackReason?: Error;
  readonly persisted: boolean | null;
  listProfiles(): Promise<ProfileInfo[]>;
  /**
   * Creates a profile and returns its unlocked diary. `profile-exists` if the name is taken;
   * `weak-passphrase` (with `details.warning` and `details.suggestions`) if the passphrase is easy to guess.
   */
  createProfile(name: string, passphrase: string): Promise<ProfileStore>;
  /** `wrong-passphrase` when it does not match; `not-found` for an unknown id. */
  unlock(profileId: string, passphrase: string): Promise<ProfileStore>;
  /** Locks every open store of the profile in this page. */
  lock(profileId: string): void;
  /** Re-wraps the data key under the new passphrase (checked like `createProfile`'s); entries are untouched. */
  changePassphrase(profileId: string, oldPassphrase: string, newPassphrase: string): Promise<void>;
  renameProfile(profileId: string, name: string): Promise<void>;
  /** Deletes the profile and all its entries, after checking the passphrase. */
  deleteProfile(profileId: string, passphrase: string): Promise<void>;
  /** An unencrypted store on the same database, for hosts that handle accounts themselves. */
  plainStore(scope?: string): MoodStore;
  /** Profile-list changes (across tabs too) and connection events; returns an unsubscribe function. */
  subscribe(listener: (event: DiaryEvent) => void): () => void;
  /** Locks every profile and closes the database. */
  close(): void;
}

/**
 * The unlocked data key of each open profile store, for `@moodiary/store/sync` (which encrypts
 * with it for the server): never exported from the package, never extractable.
 */
const dataKeys = new WeakMap<MoodStore, CryptoKey>();

/** The data key of an unlocked profile store (internal to the package: used by the sync entry). */
export function profileDataKey(store: MoodStore): CryptoKey {
  const key = dataKeys.get(store);
  if (!key)
    throw new StoreError(
      'invalid-query',
      'Sync needs an unlocked, encrypted profile store from openDiary().',
      {
        details: { profile: store.profile },
      },
    );
  return key;
}

/** Internal to the package (the sync entry): the profile's data key as an extractable key. */
export async function extractableProfileKey(
  diary: Diary,
  profileId: string,
  passphrase: string,
): Promise<CryptoKey> {
  return asProfileDiary(diary).exportableKey(profileId, passphrase);
}

/**
 * Internal to the package (the sync entry): a new profile whose data key is `key` (a diary key
 * fetched from the server on a new device), wrapped under `passphrase` like any other profile.
 */
export async function adoptProfileKey(
  diary: Diary,
  name: string,
  passphrase: string,
  key: CryptoKey,
): Promise<ProfileStore> {
  return asProfileDiary(diary).adopt(name, passphrase, key);
}

function asProfileDiary(diary: Diary): ProfileDiary {
  if (!(diary instanceof ProfileDiary))
    throw new StoreError('invalid-query', 'Sync needs a diary from openDiary().');
  return diary;
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '' || name.trim().length > 50)
    throw new StoreError('invalid-entry', 'A profile name must be 1 to 50 characters.', {
      details: { field: 'name' },
    });
  return name.trim().normalize('NFC');
}

class ProfileDiary implements Diary {
  readonly persistence: 'indexeddb' | 'memory';
  readonly fallbackReason?: Error;
  persisted: boolean | null;
  private readonly open = new Map<string, Set<DiaryStore & ProfileStore>>();
  private readonly listeners = new Set<(event: DiaryEvent) => void>();
  private readonly sender = globalThis.crypto.randomUUID();
  private readonly channel: BroadcastChannel | null = null;
  private readonly unlisten: () => void;
  private closed = false;

  constructor(
    private readonly backend: Backend,
    private readonly options: DiaryOptions,
    opened: {
      fallbackReason?: Error;
      persisted: boolean | null;
      persistedLater?: Promise<boolean>;
      channelName?: string;
    },
    private readonly channelName: string | undefined,
  ) {
    this.persistence = backend.kind;
    if (opened.fallbackReason) this.fallbackReason = opened.fallbackReason;
    this.persisted = opened.persisted;
    void opened.persistedLater?.then((granted) => {
      this.persisted = granted;
      for (const stores of this.open.values()) for (const store of stores) store.persisted = granted;
    });
    this.unlisten = backend.onEvent((event) => this.emit(event));
    if (channelName && typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(channelName);
      this.channel.onmessage = (event: MessageEvent<{ v?: number; profiles?: boolean; sender?: string }>) => {
        const m = event.data;
        if (m?.v === 1 && m.profiles && m.sender !== this.sender)
          this.emit({ type: 'profiles', origin: 'remote' });
      };
    }
  }

  private emit(event: DiaryEvent): void {
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

  /** Tells this page's and other tabs' profile pickers that the list changed. */
  private profilesChanged(): void {
    this.emit({ type: 'profiles', origin: 'local' });
    try {
      this.channel?.postMessage({ v: 1, profiles: true, sender: this.sender });
    } catch {
      // closed
    }
  }

  subscribe(listener: (event: DiaryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private guard(): void {
    if (this.closed) throw new StoreError('closed', 'The diary was closed.');
  }

  private iterations(): number {
    return checkIterations(this.options.kdfIterations ?? DEFAULT_KDF_ITERATIONS);
  }

  /** New passphrases only: one made of the profile's name is weak too. */
  private checkNewPassphrase(passphrase: unknown, name: string): Promise<string> {
    return checkNewPassphrase(passphrase, [name], this.options);
  }

  private async profile(id: string): Promise<ProfileRecord> {
    this.guard();
    const p = typeof id === 'string' ? await this.backend.getProfile(id) : undefined;
    if (!p)
      throw new StoreError('not-found', 'There is no such profile on this device.', { details: { id } });
    return p;
  }

  private storeFor(profile: ProfileRecord, key: CryptoKey): ProfileStore {
    const codec = new CryptoCodec(key);
    const stores = this.open.get(profile.id) ?? new Set();
    this.open.set(profile.id, stores);
    const idle = this.options.autoLockMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const restartTimer =
      idle === undefined
        ? undefined
        : () => {
            clearTimeout(timer);
            timer = setTimeout(() => store.lockNow(), idle);
          };
    const store = new DiaryStore({
      backend: this.backend,
      codec,
      profile: profile.id,
      options: this.options,
      persisted: this.persisted,
      requireProfile: true,
      ...(this.fallbackReason ? { fallbackReason: this.fallbackReason } : {}),
      ...(this.channelName ? { channelName: this.channelName } : {}),
      onClose: () => {
        clearTimeout(timer);
        codec.forget();
        stores.delete(store);
      },
      ...(restartTimer ? { onActivity: restartTimer } : {}),
    }) as DiaryStore & ProfileStore;
    restartTimer?.();
    dataKeys.set(store, key);
    Object.defineProperties(store, {
      profileName: { value: profile.name, enumerable: true },
      lock: { value: () => store.lockNow() },
    });
    stores.add(store);
    return store;
  }

  async listProfiles(): Promise<ProfileInfo[]> {
    this.guard();
    return (await this.backend.profiles())
      .map(({ id, name, createdAt }) => ({ id, name, createdAt }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async createProfile(name: string, passphrase: string): Promise<ProfileStore> {
    this.guard();
    const clean = checkName(name);
    await this.checkNewPassphrase(passphrase, clean);
    const id = `p_${globalThis.crypto.randomUUID()}`;
    const { wrapped, key } = await createProfileKey(id, passphrase, this.iterations());
    const record: ProfileRecord = { id, name: clean, createdAt: new Date().toISOString(), ...wrapped };
    await this.backend.putProfile(record, { uniqueName: true });
    this.profilesChanged();
    return this.storeFor(record, key);
  }

  async adopt(name: string, passphrase: string, dataKey: CryptoKey): Promise<ProfileStore> {
    this.guard();
    const clean = checkName(name);
    const id = `p_${globalThis.crypto.randomUUID()}`;
    // An existing passphrase (the account's): not checked for strength, like `unlock`.
    const wrapped = await wrapProfileKey(dataKey, id, String(passphrase), this.iterations());
    const key = await unwrapProfileKey({ id, ...wrapped }, String(passphrase));
    const record: ProfileRecord = { id, name: clean, createdAt: new Date().toISOString(), ...wrapped };
    await this.backend.putProfile(record, { uniqueName: true });
    this.profilesChanged();
    return this.storeFor(record, key);
  }

  async exportableKey(profileId: string, passphrase: string): Promise<CryptoKey> {
    return unwrapProfileKey(await this.profile(profileId), String(passphrase), true);
  }

  async unlock(profileId: string, passphrase: string): Promise<ProfileStore> {
    const profile = await this.profile(profileId);
    const key = await unwrapProfileKey(profile, String(passphrase));
    this.guard();
    return this.storeFor(profile, key);
  }

  lock(profileId: string): void {
    for (const store of [...(this.open.get(profileId) ?? [])]) store.lockNow();
  }

  async changePassphrase(profileId: string, oldPassphrase: string, newPassphrase: string): Promise<void> {
    const profile = await this.profile(profileId);
    await this.checkNewPassphrase(newPassphrase, profile.name);
    const next = await rewrapProfileKey(profile, String(oldPassphrase), newPassphrase, this.iterations());
    await this.backend.putProfile(next, { expectWrapIv: profile.wrap.iv });
  }

  async renameProfile(profileId: string, name: string): Promise<void> {
    const profile = await this.profile(profileId);
    // expectWrapIv: fails (not-found) instead of bringing back a profile another tab deleted meanwhile.
    await this.backend.putProfile(
      { ...profile, name: checkName(name) },
      { uniqueName: true, expectWrapIv: profile.wrap.iv },
    );
    this.profilesChanged();
  }

  async deleteProfile(profileId: string, passphrase: string): Promise<void> {
    const profile = await this.profile(profileId);
    await unwrapProfileKey(profile, String(passphrase));
    this.lock(profileId);
    await this.backend.deleteProfile(profileId);
    if (this.channelName && typeof BroadcastChannel === 'function') {
      const channel = new BroadcastChannel(this.channelName);
      channel.postMessage({
        v: 1,
        sender: 'diary',
        profile: profileId,
        kind: 'clear',
        ids: [],
        deleted: true,
      });
      channel.close();
    }
    this.profilesChanged();
  }

  plainStore(scope = ''): MoodStore {
    this.guard();
    checkScope(scope);
    return new DiaryStore({
      backend: this.backend,
      codec: plainCodec,
      profile: scope,
      options: this.options,
      persisted: this.persisted,
      ...(this.fallbackReason ? { fallbackReason: this.fallbackReason } : {}),
      ...(this.channelName ? { channelName: this.channelName } : {}),
    });
  }

  close(): void {
    if (this.closed) return;
    for (const id of [...this.open.keys()]) this.lock(id);
    this.closed = true;
    this.unlisten();
    this.channel?.close();
    this.backend.close();
  }
}

/**
 * Opens the diary's profiles on this device.
 *
 * @example
 * const diary = await openDiary();
 * const store = await diary.createProfile('지민', 'correct horse battery');
 * await store.add({ label: 'happy' });
 * store.lock();
 * const again = await diary.unlock(store.profile, 'correct horse battery');
 */
export async function openDiary(options: DiaryOptions = {}): Promise<Diary> {
  const opened = await openBackend(options);
  return new ProfileDiary(opened.backend, options, opened, opened.channelName);
}
