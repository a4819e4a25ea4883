// For the sync tests: a real server on PGlite (packages/server's own test harness), devices
// that are memory stores with a sync engine each, and the server's rows opened again.
import assert from 'node:assert/strict';
import { logIn as serverLogIn, signUp as serverSignUp } from '../../../server/src/testing/accounts.js';
import { startBackend, type Backend } from '../../../server/src/testing/backends.js';
import { startServer, type TestServer } from '../../../server/src/testing/server.js';
import type { ServerConfig } from '../../../server/src/config.js';
import { createMemoryStore } from '../factories.js';
import type { MoodEntry, MoodStore } from '../types.js';
import type { Doc } from '../sync/api.js';
import { SyncEngine } from '../sync/engine.js';
import { openEntry } from '../sync/keys.js';

export interface Harness {
  backend: Backend;
  server: TestServer;
  url: string;
  close(): Promise<void>;
}

/** A server on PGlite; sign-ups unthrottled and argon2 cheap, so hundreds of accounts are quick. */
export async function startSyncServer(overrides: Partial<ServerConfig> = {}): Promise<Harness> {
  const backend = await startBackend('pglite');
  const server = await startServer(backend, {
    signupsPerIpHour: 1_000_000,
    argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    ...overrides,
  });
  return {
    backend,
    server,
    url: server.url,
    async close() {
      await server.close();
      await backend.stop();
    },
  };
}

export interface Device {
  store: MoodStore;
  engine: SyncEngine;
}

export interface TwoDevices {
  accountId: string;
  key: CryptoKey;
  a: Device;
  b: Device;
}

/** An account (random server password) and two devices holding the same diary key. */
export async function twoDevices(url: string, now?: () => Date, fetchFn?: typeof fetch): Promise<TwoDevices> {
  const account = await serverSignUp(url);
  const other = await serverLogIn(url, account);
  assert.equal(other.status, 200);
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const device = (session: { token: string; deviceId: string; sessionId: string }): Device => {
    const store = createMemoryStore(now ? { now } : {});
    const engine = new SyncEngine({
      store,
      diaryKey: key,
      ...(now ? { now } : {}),
      ...(fetchFn ? { fetch: fetchFn } : {}),
      link: {
        server: url,
        username: account.username,
        accountId: account.accountId,
        deviceId: session.deviceId,
        sessionId: session.sessionId,
        token: session.token,
        checkpoint: 0,
      },
    });
    return { store, engine };
  };
  return { accountId: account.accountId, key, a: device(account), b: device(other.body) };
}

/** Every entry the server holds for the account, opened with the diary key (purged ones left out). */
export async function serverDiary(
  server: TestServer,
  accountId: string,
  key: CryptoKey,
): Promise<MoodEntry[]> {
  const { rows } = await server.db.query<Doc>(
    `SELECT id, rev::int AS rev, deleted, key_id AS "keyId", write_id AS "writeId",
            replace(encode(payload, 'base64'), chr(10), '') AS payload
     FROM entries WHERE account_id = $1`,
    [accountId],
  );
  const out: MoodEntry[] = [];
  for (const doc of rows) {
    const body = await openEntry(key, accountId, doc);
    if (body) out.push({ id: doc.id, ...body } as MoodEntry);
  }
  return byId(out);
}

export const byId = (entries: MoodEntry[]) => [...entries].sort((x, y) => (x.id < y.id ? -1 : 1));

export async function localDiary(store: MoodStore): Promise<MoodEntry[]> {
  return byId(await store.all({ includeDeleted: true }));
}

/** Syncs the devices in turn until a full turn changes nothing on either. */
export async function settle(first: Device, second: Device): Promise<number> {
  let turns = 0;
  let before = '';
  for (; turns < 8; turns++) {
    await first.engine.syncNow();
    await second.engine.syncNow();
    const now = JSON.stringify([await localDiary(first.store), await localDiary(second.store)]);
    if (now === before) return turns;
    before = now;
  }
  throw new Error('the devices did not settle in 8 turns');
}
