// The sync client (design/sync.md §4–5): offline first over the existing store. Local writes
// are found by change events and a start-up sweep (`changedSince`), pushed with the assumed
// server rev and a write id saved before sending; pulls follow the server's checkpoint; the
// live stream says when to pull. Conflicts are merged here, where both versions can be read.
// State lives in the profile's (encrypted) settings: `sync.link` (server, session token,
// checkpoint) and `sync.e.XX`, 256 buckets of per-entry `{rev, syncedAt, pending}`.
import { isStoreError } from '../errors.js';
import type { MoodEntry, MoodStore, StoreEvent } from '../types.js';
import { SyncApi, type Doc, type PushItem } from './api.js';
import { SyncError, isSyncError } from './errors.js';
import { openEntry, sealEntry } from './keys.js';
import { mergeEntries, sameContent } from './merge.js';

/** What a profile keeps about its server: in its encrypted settings, never exported. */
export interface SyncLink {
  server: string;
  username: string;
  accountId: string;
  deviceId: string;
  sessionId: string;
  token: string;
  /** The server's change counter this device has pulled to. */
  checkpoint: number;
  /** Local changes after this time (less a day, for clock jumps) are checked at start-up. */
  sweptAt?: string;
}

export const LINK_SETTING = 'sync.link';
const BUCKETS = 256;
const PUSH_BATCH = 100;
const PULL_LIMIT = 500;
const SWEEP_MARGIN_MS = 24 * 3600_000;
const MIN_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** Per entry: the server rev held here, the `updatedAt` synced (`null`: purged), a push in flight. */
interface EntryState {
  r: number;
  s: string | null;
  /** Write id, rev and `updatedAt` (`null`: a purge) of a push not yet acknowledged; older ids in `o`. */
  p?: { w: string; r: number; u: string | null; o?: string[] };
}

/**
 * - `idle`: in step with the server (`pending` 0) or waiting for the next change;
 * - `syncing`: pulling or pushing; `standby`: another tab of this profile syncs;
 * - `offline`: the server cannot be reached, retried with back-off;
 * - `error`: the last attempt failed otherwise (see the `error` event); retried;
 * - `logged-out`: the session ended (`unauthorized`): log in again; `stopped`: not running.
 */
export type SyncState = 'idle' | 'syncing' | 'standby' | 'offline' | 'error' | 'logged-out' | 'stopped';

export interface SyncStatus {
  state: SyncState;
  /** Local changes not on the server yet (as far as this tab knows). */
  pending: number;
  /** When this device was last in step with the server (ISO), if ever in this session. */
  lastSyncedAt?: string;
  /** The failure behind `offline`, `error` or `logged-out`. */
  error?: SyncError;
}

export type SyncEvent =
  | { type: 'status'; status: SyncStatus }
  | { type: 'progress'; phase: 'pull' | 'push'; done: number }
  | { type: 'conflict'; ids: string[] }
  | { type: 'error'; error: SyncError };

export interface SyncEngineInit {
  store: MoodStore;
  /** The diary key (the profile's data key): encrypts what the server keeps. */
  diaryKey: CryptoKey;
  link: SyncLink;
  fetch?: typeof fetch;
  now?: () => Date;
}

const bucketOf = (id: string) => {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return `sync.e.${((h >>> 0) % BUCKETS).toString(16).padStart(2, '0')}`;
};

export class SyncEngine {
  readonly store: MoodStore;
  private readonly api: SyncApi;
  private readonly key: CryptoKey;
  private link: SyncLink;
  private readonly clock: () => Date;
  private states = new Map<string, EntryState>();
  private readonly changedBuckets = new Set<string>();
  private loaded: Promise<void> | null = null;
  private readonly dirty = new Set<string>();
  private readonly listeners = new Set<(event: SyncEvent) => void>();
  private current: SyncStatus = { state: 'stopped', pending: 0 };
  private run: Promise<void> | null = null;
  private again = false;
  // live mode
  private live: AbortController | null = null;
  private unsubscribe: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private releaseLock: (() => void) | null = null;
  private holding = false;
  private swept = false;

  constructor(init: SyncEngineInit) {
    this.store = init.store;
    this.key = init.diaryKey;
    this.link = { ...init.link };
    this.api = new SyncApi(init.link.server, init.fetch, init.link.token);
    this.clock = init.now ?? (() => new Date());
    // Changes are noted from the first moment, also in tabs that do not sync: they are
    // counted as pending here and found again by the syncing tab's own events or sweep.
    this.unsubscribe = this.store.subscribe((event) => this.onStoreEvent(event));
  }

  get server(): string {
    return this.link.server;
  }
  get username(): string {
    return this.link.username;
  }
  get deviceId(): string {
    return this.link.deviceId;
  }
  get status(): SyncStatus {
    return this.current;
  }
  /** The API with this session, for the account calls. */
  get session(): SyncApi {
    return this.api;
  }

  subscribe(listener: (event: SyncEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private emit(event: SyncEvent): void {
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

  private setStatus(state: SyncState, error?: SyncError): void {
    const status: SyncStatus = { state, pending: this.dirty.size };
    if (this.current.lastSyncedAt) status.lastSyncedAt = this.current.lastSyncedAt;
    if (state === 'idle' && this.dirty.size === 0) status.lastSyncedAt = this.clock().toISOString();
    if (error) status.error = error;
    this.current = status;
    this.emit({ type: 'status', status });
  }

  // ── state ───────────────────────────────────────────────────────────────

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const settings = await this.store.settings();
      for (const [name, value] of Object.entries(settings))
        if (name.startsWith('sync.e.') && value && typeof value === 'object')
          for (const [id, st] of Object.entries(value as Record<string, EntryState>)) {
            this.states.set(id, st);
            if (st.p) this.dirty.add(id); // a push not acknowledged before the page closed
          }
    })();
    return this.loaded;
  }

  private setState(id: string, st: EntryState | undefined): void {
    if (st) this.states.set(id, st);
    else this.states.delete(id);
    this.changedBuckets.add(bucketOf(id));
  }

  /** Writes the changed buckets, then the link (so a checkpoint never runs ahead of its entries). */
  private async save(): Promise<void> {
    const buckets = [...this.changedBuckets];
    this.changedBuckets.clear();
    if (buckets.length > 0) {
      const by = new Map<string, Record<string, EntryState>>(buckets.map((b) => [b, {}]));
      for (const [id, st] of this.states) {
        const bucket = by.get(bucketOf(id));
        if (bucket) bucket[id] = st;
      }
      for (const [name, value] of by)
        await this.store.setSetting(name, Object.keys(value).length ? value : undefined);
    }
    await this.store.setSetting(LINK_SETTING, this.link);
  }

  // ── local changes ───────────────────────────────────────────────────────

  private onStoreEvent(event: StoreEvent): void {
    if (event.type === 'locked') {
      this.stop();
      return;
    }
    if (event.type !== 'change') return;
    if (event.kind === 'clear') {
      this.link.sweptAt = undefined; // anything may have changed: sweep everything
    } else for (const id of event.ids) this.dirty.add(id);
    if (this.live && this.holding) this.schedule(200);
  }

  /** Entries changed since the last sweep (less a day): start-up and after a `clear`. */
  private async sweep(): Promise<void> {
    const since = this.link.sweptAt
      ? new Date(Date.parse(this.link.sweptAt) - SWEEP_MARGIN_MS).toISOString()
      : '1970-01-01T00:00:00.000Z';
    const started = this.clock().toISOString();
    for (const entry of await this.store.changedSince(since)) {
      const st = this.states.get(entry.id);
      if (!st || st.s !== entry.updatedAt || st.p) this.dirty.add(entry.id);
    }
    this.link.sweptAt = started;
  }

  // ── one round: pull, then push until nothing is left ─────────────────────

  /**
   * Pulls what the server has after the checkpoint, then pushes local changes (merging any
   * conflicts) until both sides agree. Rejects with a `SyncError`; calls made while one runs
   * share it and run once more after it.
   */
  syncNow(): Promise<void> {
    if (this.run) {
      this.again = true;
      return this.run;
    }
    this.run = (async () => {
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again);
      } finally {
        this.run = null;
      }
    })();
    return this.run;
  }

  private async round(): Promise<void> {
    await this.load();
    if (!this.swept || this.link.sweptAt === undefined) {
      await this.sweep();
      this.swept = true;
    }
    await this.pull();
    for (let i = 0; i < 20 && this.dirty.size > 0; i++) await this.pushOnce();
    await this.save();
  }

  private async pull(): Promise<void> {
    let done = 0;
    for (;;) {
      let page: { documents: Doc[]; checkpoint: { seq: number }; hasMore: boolean };
      try {
        page = await this.api.request(
          'GET',
          `/v1/sync/pull?since=${this.link.checkpoint}&limit=${PULL_LIMIT}`,
        );
      } catch (error) {
        if (isSyncError(error, 'rejected') && error.details.code === 'checkpoint-gone') {
          await this.pullFromZero();
          return;
        }
        throw error;
      }
      for (const doc of page.documents) await this.receive(doc);
      done += page.documents.length;
      this.link.checkpoint = page.checkpoint.seq;
      await this.save();
      if (page.documents.length) this.emit({ type: 'progress', phase: 'pull', done });
      if (!page.hasMore) return;
    }
  }

  /** Deleted entries were cleaned up on the server: read everything again. */
  private async pullFromZero(): Promise<void> {
    const seen = new Set<string>();
    this.link.checkpoint = 0;
    for (;;) {
      const page = await this.api.request<{
        documents: Doc[];
        checkpoint: { seq: number };
        hasMore: boolean;
      }>('GET', `/v1/sync/pull?since=${this.link.checkpoint}&limit=${PULL_LIMIT}`);
      for (const doc of page.documents) {
        seen.add(doc.id);
        await this.receive(doc);
      }
      this.link.checkpoint = page.checkpoint.seq;
      if (!page.hasMore) break;
    }
    for (const [id, st] of [...this.states]) {
      if (seen.has(id)) continue;
      const local = (await this.store.get(id, { includeDeleted: true })) ?? null;
      if (local && (st.s !== local.updatedAt || st.p))
        this.setState(id, undefined); // dirty: pushed as new
      else {
        this.setState(id, undefined);
        if (local) await this.store.purge(id); // clean, once synced, gone from the server
      }
      if (local && !this.states.has(id)) this.dirty.add(id);
    }
    await this.save();
  }

  /** A server version (pulled, or returned as a conflict): apply, acknowledge or merge. */
  private async receive(doc: Doc, attempt = 0): Promise<void> {
    const st = this.states.get(doc.id);
    if (st && st.r >= doc.rev) return; // already here (our own push coming back)
    let body: Awaited<ReturnType<typeof openEntry>>;
    try {
      body = await openEntry(this.key, this.link.accountId, doc);
    } catch (error) {
      this.emit({ type: 'error', error: error as SyncError });
      return;
    }
    const remote: MoodEntry | null = body ? ({ id: doc.id, ...body } as MoodEntry) : null;
    const local = (await this.store.get(doc.id, { includeDeleted: true })) ?? null;
    const localAt = local?.updatedAt ?? null;
    const p = st?.p;
    if (p && (p.w === doc.writeId || p.o?.includes(doc.writeId))) {
      // Our own write landed though its answer was lost. The exact one: acknowledged. An older
      // one: the local entry descends from it, so it is a rebase (pushed on top), not a merge.
      if (p.w === doc.writeId && p.r === doc.rev) this.setState(doc.id, { r: doc.rev, s: p.u });
      else
        this.setState(doc.id, {
          r: doc.rev,
          s: remote?.updatedAt ?? null,
          p: { ...p, o: [...(p.o ?? []), p.w].slice(-4) },
        });
      if ((this.states.get(doc.id)!.s ?? null) !== localAt) this.dirty.add(doc.id);
      return;
    }
    const isDirty = local ? !st || st.s !== local.updatedAt : Boolean(st && st.s !== null);
    try {
      if (!isDirty) {
        this.setState(doc.id, { r: doc.rev, s: remote?.updatedAt ?? null });
        if (remote) await this.store.put(remote, { ifUpdatedAt: localAt });
        else if (local) await this.store.purge(doc.id);
        return;
      }
      const merged = mergeEntries(local, remote, (p?.w ?? '') > doc.writeId, this.clock());
      const older = p ? { p: { ...p, o: [...(p.o ?? []), p.w].slice(-4) } } : {};
      if (sameContent(merged, remote)) {
        // Nothing of ours is missing from the server's version: take it as it is.
        this.setState(doc.id, { r: doc.rev, s: remote?.updatedAt ?? null });
        if (remote) await this.store.put(remote, { ifUpdatedAt: localAt });
        else if (local) await this.store.purge(doc.id);
      } else {
        this.setState(doc.id, { r: doc.rev, s: remote?.updatedAt ?? null, ...older });
        if (merged) await this.store.put(merged, { ifUpdatedAt: localAt });
        else if (local) await this.store.purge(doc.id);
        this.dirty.add(doc.id);
        this.emit({ type: 'conflict', ids: [doc.id] });
      }
    } catch (error) {
      // The entry changed here meanwhile (another tab, the user): read it again and merge.
      this.setState(doc.id, st);
      if (isStoreError(error, 'conflict') && attempt < 3) return this.receive(doc, attempt + 1);
      // This device's store refuses the server's version (a photo where photos are off, a newer
      // format): reported, and this entry stays as it is here; the rest goes on.
      if (isStoreError(error) && !['locked', 'closed', 'profile-deleted'].includes(error.code))
        this.emit({
          type: 'error',
          error: new SyncError(
            'rejected',
            `Entry "${doc.id}" from the server cannot be kept here: ${error.message}`,
            {
              cause: error,
              details: { id: doc.id, code: error.code },
            },
          ),
        });
      else throw error;
    }
  }

  private async pushOnce(): Promise<void> {
    const items: PushItem[] = [];
    const sent: { id: string; rev: number; u: string | null }[] = [];
    for (const id of [...this.dirty]) {
      if (items.length >= PUSH_BATCH) break;
      this.dirty.delete(id); // a change from now on adds it again
      const st = this.states.get(id);
      const entry = (await this.store.get(id, { includeDeleted: true })) ?? null;
      if (entry ? st && st.s === entry.updatedAt && !st.p : !st || (st.s === null && !st.p)) continue;
      const rev = (st?.r ?? 0) + 1;
      const u = entry?.updatedAt ?? null;
      const p = st?.p;
      const writeId = p && p.r === rev && p.u === u ? p.w : globalThis.crypto.randomUUID();
      const older = p && p.w !== writeId ? [...(p.o ?? []), p.w].slice(-4) : p?.o;
      this.setState(id, {
        r: st?.r ?? 0,
        s: st?.s ?? null,
        p: { w: writeId, r: rev, u, ...(older?.length ? { o: older } : {}) },
      });
      let body: Omit<MoodEntry, 'id'> | null = null;
      if (entry) {
        const { id: _id, ...rest } = entry;
        body = rest;
      }
      const deleted = !entry || Boolean(entry.deletedAt);
      try {
        const payload = await sealEntry(this.key, this.link.accountId, id, rev, deleted, body);
        items.push({
          assumed: rev > 1 ? { rev: rev - 1 } : null,
          doc: { id, rev, deleted, keyId: 0, writeId, payload },
        });
        sent.push({ id, rev, u });
      } catch (error) {
        this.emit({ type: 'error', error: error as SyncError }); // too large: stays here only
      }
    }
    if (items.length === 0) return;
    await this.save(); // write ids are kept before sending, so a retry reuses them
    let conflicts: Doc[];
    try {
      ({ conflicts } = await this.api.request<{ conflicts: Doc[] }>('POST', '/v1/sync/push', {
        body: { items },
      }));
    } catch (error) {
      for (const s of sent) this.dirty.add(s.id);
      throw error;
    }
    const conflicted = new Set(conflicts.map((c) => c.id));
    for (const s of sent)
      if (!conflicted.has(s.id)) {
        const st = this.states.get(s.id);
        if (st?.p?.r === s.rev) this.setState(s.id, { r: s.rev, s: s.u });
      }
    for (const doc of conflicts) await this.receive(doc);
    this.emit({ type: 'progress', phase: 'push', done: sent.length - conflicts.length });
  }

  // ── live mode: one tab per profile, the stream, back-off ────────────────

  /**
   * Syncs from now on: holds the Web Lock `moodiary-sync:<profile>` (other tabs wait in
   * `standby`), pulls when the live stream says so, pushes local changes as they happen, and
   * retries with back-off (1 s to 5 min, reset when the browser comes online or the page is shown).
   */
  start(): void {
    if (this.live) return;
    const live = (this.live = new AbortController());
    this.setStatus('standby');
    const begin = () => {
      if (live.signal.aborted) return;
      this.holding = true;
      this.schedule(0);
      void this.streamLoop(live.signal);
    };
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    if (locks?.request)
      locks
        .request(`moodiary-sync:${this.store.profile}`, { signal: live.signal }, () => {
          begin();
          return new Promise<void>((release) => (this.releaseLock = release));
        })
        .catch(() => undefined); // aborted while waiting
    else begin();
    const wake = () => {
      if (globalThis.document?.visibilityState === 'hidden') return;
      this.failures = 0;
      if (this.holding) this.schedule(0);
    };
    globalThis.addEventListener?.('online', wake, { signal: live.signal });
    globalThis.document?.addEventListener('visibilitychange', wake, { signal: live.signal });
  }

  /** Stops syncing in this tab (another tab may take over). Local changes stay pending. */
  stop(): void {
    clearTimeout(this.timer);
    this.live?.abort();
    this.live = null;
    this.holding = false;
    this.releaseLock?.();
    this.releaseLock = null;
    if (this.current.state !== 'logged-out') this.setStatus('stopped');
  }

  /** Stops and forgets the store's events: this engine is done. */
  close(): void {
    this.stop();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.attempt(), ms);
  }

  private async attempt(): Promise<void> {
    if (!this.live || !this.holding) return;
    this.setStatus('syncing');
    try {
      await this.syncNow();
      this.failures = 0;
      if (this.live) this.setStatus('idle');
    } catch (error) {
      if (this.live) this.failed(error);
    }
  }

  private failed(error: unknown): void {
    const e = isSyncError(error)
      ? error
      : new SyncError('rejected', 'Sync failed on this device.', { cause: error });
    this.emit({ type: 'error', error: e });
    if (e.code === 'unauthorized') {
      this.setStatus('logged-out', e);
      this.stop();
      return;
    }
    this.setStatus(e.code === 'network' ? 'offline' : 'error', e);
    let delay: number;
    if (e.code === 'too-many-requests') delay = Number(e.details.retryAfterSeconds) * 1000;
    else {
      const base = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** this.failures);
      delay = base / 2 + Math.random() * (base / 2); // jitter: devices that failed together do not retry together
    }
    this.failures++;
    this.schedule(delay);
  }

  private async streamLoop(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        await this.api.stream(signal, (seq) => {
          failures = 0;
          if (seq > this.link.checkpoint) this.schedule(0);
        });
      } catch (error) {
        if (isSyncError(error, 'unauthorized')) return this.failed(error);
      }
      if (signal.aborted) return;
      // The stream ended or failed: poll once, then reconnect after a growing pause.
      this.schedule(0);
      const pause = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** failures++);
      await new Promise((resolve) => {
        const t = setTimeout(resolve, pause / 2 + Math.random() * (pause / 2));
        signal.addEventListener('abort', () => (clearTimeout(t), resolve(undefined)), { once: true });
      });
    }
  }
}
