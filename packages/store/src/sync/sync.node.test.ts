// The sync client against the real server on PGlite (packages/server's harness): two devices
// editing offline and reconnecting in both orders, conflicts as design/sync.md §5 says, the
// live stream, and the account flows with the real key derivation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MoodEntry, MoodStore } from '../types.js';
import {
  byId,
  localDiary,
  serverDiary,
  settle,
  startSyncServer,
  twoDevices,
  type Device,
  type Harness,
} from '../testing/sync.js';
import { isSyncError, type SyncError } from './errors.js';
import { createMemoryStore } from '../factories.js';
import { exportJson, importJson } from '../exchange.js';
import { isStoreError } from '../errors.js';

let h: Harness;
before(async () => {
  h = await startSyncServer();
});
after(async () => {
  await h?.close();
});

const ids = async (store: MoodStore) => (await store.all({ includeDeleted: true })).map((e) => e.id);

async function assertSame(devices: Device[], accountId: string, key: CryptoKey): Promise<MoodEntry[]> {
  const server = await serverDiary(h.server, accountId, key);
  for (const d of devices) assert.deepEqual(await localDiary(d.store), server);
  return server;
}

test('the store pieces sync relies on: put with ifUpdatedAt, noteConflicts, sync settings never exported', async () => {
  const store = createMemoryStore();
  const e = await store.add({ label: 'happy', note: 'x' });
  const later = new Date(Date.parse(e.updatedAt) + 5).toISOString();
  await assert.rejects(
    store.put({ ...e, note: 'y', updatedAt: later }, { ifUpdatedAt: '2000-01-01T00:00:00.000Z' }),
    (error) => isStoreError(error, 'conflict'),
  );
  await assert.rejects(store.put({ ...e, note: 'y' }, { ifUpdatedAt: null }), (error) =>
    isStoreError(error, 'conflict'),
  );
  await store.put({ ...e, note: 'y', noteConflicts: ['x'], updatedAt: later }, { ifUpdatedAt: e.updatedAt });
  assert.deepEqual((await store.get(e.id))?.noteConflicts, ['x']);
  await store.update(e.id, { noteConflicts: [] }); // the user picked a version
  assert.equal((await store.get(e.id))?.noteConflicts, undefined);
  await assert.rejects(
    store.update(e.id, { noteConflicts: Array.from({ length: 11 }, (_, i) => `n${i}`) }),
    (error) => isStoreError(error, 'invalid-entry'),
  );

  await store.setSetting('sync.link', { token: 'secret-session-token' });
  await store.setSetting('theme', 'dark');
  const exported = await exportJson(store);
  assert.doesNotMatch(exported, /secret-session-token|sync\.link/);
  assert.match(exported, /"theme"/);
  const other = createMemoryStore();
  const crafted = JSON.parse(exported);
  crafted.settings['sync.link'] = { token: 'planted' };
  await importJson(other, JSON.stringify(crafted));
  assert.deepEqual(await other.settings(), { theme: 'dark' });
});

describe('two devices offline (design §7.1)', () => {
  for (const order of ['a-first', 'b-first'] as const)
    test(`20 synced, each adds 50, edits the same 5, deletes 2; one edits what the other deleted; ${order}`, async () => {
      const { accountId, key, a, b } = await twoDevices(h.url);
      const base: MoodEntry[] = [];
      for (let i = 0; i < 20; i++)
        base.push(
          await a.store.add({ label: 'neutral', note: `base ${i}`, tags: ['base'], localDate: '2026-11-01' }),
        );
      await a.engine.syncNow();
      await b.engine.syncNow();
      assert.equal((await b.store.all()).length, 20);

      // offline from here: nothing reaches the server until the reconnect below
      for (const [name, d] of [
        ['a', a],
        ['b', b],
      ] as const) {
        for (let i = 0; i < 50; i++)
          await d.store.add({ label: 'happy', note: `${name} new ${i}`, tags: [name] });
        for (let i = 0; i < 5; i++)
          await d.store.update(base[i]!.id, {
            note: `${name} edit ${i}`,
            tags: ['base', `${name}-tag-${i}`],
            songs: [{ id: `song-${name}`, ...(name === 'a' ? { played: true } : {}) }, { id: 'song-shared' }],
            label: name === 'a' ? 'sad' : 'angry',
          });
      }
      // each deletes 2 of its own; a deletes base 10 (to the trash) and base 11 (for good),
      // which b edits meanwhile: the edit beats the delete
      await a.store.delete(base[5]!.id);
      await a.store.delete(base[6]!.id);
      await b.store.delete(base[7]!.id);
      await b.store.purge(base[8]!.id);
      await a.store.delete(base[10]!.id);
      await a.store.purge(base[11]!.id);
      await b.store.update(base[10]!.id, { note: 'b kept 10' });
      await b.store.update(base[11]!.id, { note: 'b kept 11' });

      const [first, second] = order === 'a-first' ? [a, b] : [b, a];
      await settle(first, second);
      const diary = await assertSame([a, b], accountId, key);

      // exact counts: 20 + 100 − base 8 purged; 3 in the trash
      assert.equal(diary.length, 119);
      assert.equal(new Set(diary.map((e) => e.id)).size, 119);
      assert.deepEqual(
        diary
          .filter((e) => e.deletedAt)
          .map((e) => e.id)
          .sort(),
        [base[5]!.id, base[6]!.id, base[7]!.id].sort(),
      );
      const get = (id: string) => diary.find((e) => e.id === id)!;
      for (let i = 0; i < 5; i++) {
        const e = get(base[i]!.id);
        assert.deepEqual([...e.tags].sort(), ['a-tag-' + i, 'b-tag-' + i, 'base'].sort(), 'tags united');
        assert.deepEqual(
          e.songs.map((s) => [s.id, s.played ?? false]).sort(),
          [
            ['song-a', true],
            ['song-b', false],
            ['song-shared', false],
          ],
          'songs united by id',
        );
        // the later note (b wrote after a) wins; a's is kept
        assert.equal(e.note, `b edit ${i}`);
        assert.deepEqual(e.noteConflicts, [`a edit ${i}`]);
        assert.equal(e.label, 'angry', 'label from the later side');
      }
      // edit beats delete, to the trash and for good
      assert.equal(get(base[10]!.id).deletedAt, undefined);
      assert.equal(get(base[10]!.id).note, 'b kept 10');
      assert.equal(get(base[11]!.id).note, 'b kept 11');
      assert.ok(!diary.some((e) => e.id === base[8]!.id), 'purged for good everywhere');
      for (const name of ['a', 'b'])
        assert.equal(diary.filter((e) => e.note.startsWith(`${name} new `)).length, 50, 'no new entry lost');
    });
});

/** A small deterministic PRNG (mulberry32): the same seed gives the same interleaving. */
function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}

const TAGS = ['walk', 'work', 'family', '산책', 'rain', 'tea'];
const SEEDS = Number(process.env.SYNC_SEEDS ?? 200);

test(`seeded random interleavings (${SEEDS} seeds): same diaries everywhere, nothing lost or duplicated`, async () => {
  const started = Date.now();
  let lost = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const r = prng(seed);
    // one clock for both devices, stepping 0–2 ms: equal times (ties) happen
    let t = Date.parse('2026-12-01T09:00:00.000Z');
    const now = () => new Date((t += r.int(3)));
    // a flaky network: some requests never leave, some answers are lost after the server acted
    let flaky = true;
    const lossy: typeof fetch = async (input, init) => {
      if (flaky && r.next() < 0.08) throw new TypeError('Failed to fetch');
      const res = await fetch(input, init);
      if (flaky && r.next() < 0.12) {
        await res.arrayBuffer();
        throw new TypeError('Failed to fetch (answer lost)');
      }
      return res;
    };
    const { accountId, key, a, b } = await twoDevices(h.url, now, lossy);
    const devices = [a, b];
    const added = new Set<string>();
    const purged = new Set<string>();
    const tagsAdded = new Map<string, Set<string>>();
    const written = new Map<string, Set<string>>(); // id → notes written
    const superseded = new Map<string, Set<string>>(); // id → notes a device replaced having seen them
    const note = (id: string, n: string, map: Map<string, Set<string>>) =>
      map.set(id, (map.get(id) ?? new Set()).add(n));
    let counter = 0;
    const steps = 12 + r.int(20);
    try {
      for (let step = 0; step < steps; step++) {
        const d = r.pick(devices);
        const live = await d.store.all({ includeDeleted: true });
        const op = r.int(10);
        const target = live.length ? r.pick(live) : undefined;
        if (op <= 2 || !target) {
          const n = `note ${seed}.${counter++}`;
          const tags = TAGS.filter(() => r.next() < 0.3);
          const e = await d.store.add({ label: r.pick(['happy', 'sad', 'neutral'] as const), note: n, tags });
          added.add(e.id);
          note(e.id, n, written);
          for (const tag of tags) note(e.id, tag, tagsAdded);
        } else if (op === 3 && !target.deletedAt) {
          const n = `note ${seed}.${counter++}`;
          note(target.id, target.note, superseded);
          note(target.id, n, written);
          await d.store.update(target.id, { note: n });
        } else if (op === 4 && !target.deletedAt) {
          const tag = r.pick(TAGS);
          if (!target.tags.includes(tag)) await d.store.update(target.id, { tags: [...target.tags, tag] });
          note(target.id, tag, tagsAdded);
        } else if (op === 5) {
          if (target.deletedAt) await d.store.restore(target.id);
          else await d.store.delete(target.id);
        } else if (op === 6 && r.next() < 0.3) {
          await d.store.purge(target.id);
          purged.add(target.id);
        } else {
          // this device comes online for a moment; the network may fail under it
          await d.engine.syncNow().catch((error: unknown) => {
            if (!isSyncError(error, 'network')) throw error;
            lost++;
          });
        }
      }
      const [first, second] = r.next() < 0.5 ? [a, b] : [b, a];
      flaky = false;
      await settle(first, second);
      const diary = await assertSame(devices, accountId, key);
      const have = new Map(diary.map((e) => [e.id, e]));
      assert.equal(have.size, diary.length, 'no duplicates');
      for (const id of added) {
        if (purged.has(id)) continue;
        const e = have.get(id);
        assert.ok(e, `entry ${id} lost`);
        for (const tag of tagsAdded.get(id) ?? []) assert.ok(e.tags.includes(tag), `tag ${tag} lost`);
        const kept = new Set([e.note, ...(e.noteConflicts ?? [])]);
        for (const n of written.get(id) ?? [])
          if (!superseded.get(id)?.has(n))
            assert.ok(kept.has(n), `note "${n}" lost: ${[...kept].join(' | ')}`);
      }
    } catch (error) {
      throw new Error(`seed ${seed}: ${(error as Error).message}`, { cause: error });
    } finally {
      a.engine.close();
      b.engine.close();
    }
  }
  console.log(`${SEEDS} seeds in ${Date.now() - started} ms; ${lost} syncs cut by the network`);
  assert.ok(lost > SEEDS / 4, 'the flaky network did cut syncs');
});

test('the live stream tells the other device to pull', async () => {
  const { accountId, key, a, b } = await twoDevices(h.url);
  const states: string[] = [];
  b.engine.subscribe((e) => e.type === 'status' && states.push(e.status.state));
  a.engine.start();
  b.engine.start();
  try {
    const e = await a.store.add({ label: 'happy', note: 'live' });
    for (let i = 0; i < 200 && !(await b.store.get(e.id)); i++) await sleep(25);
    assert.equal((await b.store.get(e.id))?.note, 'live');
    for (let i = 0; i < 200 && b.engine.status.state !== 'idle'; i++) await sleep(25);
    assert.equal(b.engine.status.state, 'idle');
    assert.ok(states.includes('syncing'));
    await assertSame([a, b], accountId, key);
  } finally {
    a.engine.close();
    b.engine.close();
  }
});

test('offline: writes stay local, back off, and go up once the server answers', async () => {
  const { accountId, key, a, b } = await twoDevices(h.url);
  void accountId;
  let online = false;
  const errors: string[] = [];
  const { SyncEngine } = await import('./engine.js');
  const flaky = new SyncEngine({
    store: a.store,
    diaryKey: key,
    link: { ...(a.engine as unknown as { link: import('./engine.js').SyncLink }).link },
    fetch: (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'))),
  });
  a.engine.close();
  flaky.subscribe((e) => e.type === 'error' && errors.push(e.error.code));
  flaky.start();
  try {
    const e = await a.store.add({ label: 'sad', note: 'written offline' });
    for (let i = 0; i < 200 && flaky.status.state !== 'offline'; i++) await sleep(10);
    assert.equal(flaky.status.state, 'offline');
    assert.equal(flaky.status.error?.code, 'network');
    assert.ok(flaky.status.pending >= 1);
    online = true;
    globalThis.dispatchEvent?.(new Event('online')); // resets the back-off where there is a window
    const state = (): string => flaky.status.state; // changes under the waits
    for (let i = 0; i < 400 && state() !== 'idle'; i++) await sleep(10);
    assert.equal(state(), 'idle');
    assert.ok(errors.includes('network'));
    await b.engine.syncNow();
    assert.equal((await b.store.get(e.id))?.note, 'written offline');
  } finally {
    flaky.close();
    b.engine.close();
  }
});

test('a push whose answer was lost, then another edit: a rebase, not a conflict', async () => {
  let loseNextPush = false;
  const fetchFn: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (loseNextPush && String(input).endsWith('/v1/sync/push')) {
      loseNextPush = false;
      throw new TypeError('Failed to fetch (answer lost)');
    }
    return res;
  };
  const { accountId, key, a, b } = await twoDevices(h.url, undefined, fetchFn);
  const conflicts: string[] = [];
  a.engine.subscribe((e) => e.type === 'conflict' && conflicts.push(...e.ids));
  const e = await a.store.add({ label: 'happy', note: 'first' });
  await a.engine.syncNow();
  await a.store.update(e.id, { note: 'second' });
  loseNextPush = true;
  await assert.rejects(a.engine.syncNow(), (error) => isSyncError(error, 'network'));
  await a.store.update(e.id, { note: 'third' });
  await a.engine.syncNow(); // rev 2 landed unseen: rev 3 is pushed on top of it
  await b.engine.syncNow();
  const diary = await assertSame([a, b], accountId, key);
  assert.equal(diary[0]!.note, 'third');
  assert.equal(diary[0]!.noteConflicts, undefined);
  assert.deepEqual(conflicts, []);
  const { rows } = await h.server.db.query<{ rev: string }>('SELECT rev FROM entries WHERE account_id = $1', [
    accountId,
  ]);
  assert.equal(Number(rows[0]!.rev), 3);
  a.engine.close();
  b.engine.close();
});

test('checkpoint gone (tombstones cleaned up on the server): pull from 0, drop what is gone, push what is new', async () => {
  const { accountId, key, a, b } = await twoDevices(h.url);
  const [x, y, z] = [
    await a.store.add({ label: 'happy', note: 'x' }),
    await a.store.add({ label: 'sad', note: 'y' }),
    await a.store.add({ label: 'neutral', note: 'z' }),
  ];
  await a.engine.syncNow();
  await b.engine.syncNow();
  await a.store.purge(x.id);
  await a.engine.syncNow();
  // b is offline for long: meanwhile it edits y, writes w; the server's clean-up job drops x's
  // tombstone and raises the mark above b's checkpoint
  await b.store.update(y.id, { note: 'y edited on b' });
  const w = await b.store.add({ label: 'happy', note: 'w' });
  await h.server.db.query('DELETE FROM entries WHERE account_id = $1 AND id = $2', [accountId, x.id]);
  await h.server.db.query('UPDATE accounts SET gc_seq = change_seq + 1 WHERE id = $1', [accountId]);
  await h.server.db.query('UPDATE accounts SET change_seq = change_seq + 1 WHERE id = $1', [accountId]);
  await b.engine.syncNow();
  await a.engine.syncNow();
  const diary = await assertSame([a, b], accountId, key);
  assert.deepEqual(diary.map((e) => e.id).sort(), [y.id, z.id, w.id].sort());
  assert.equal(diary.find((e) => e.id === y.id)?.note, 'y edited on b');
  a.engine.close();
  b.engine.close();
});

test('a blob moved to another entry on the server is detected and skipped', async () => {
  const { accountId, a, b } = await twoDevices(h.url);
  const x = await a.store.add({ label: 'happy', note: 'x' });
  const y = await a.store.add({ label: 'sad', note: 'y' });
  await a.engine.syncNow();
  await h.server.db.query(
    `UPDATE entries SET payload = (SELECT payload FROM entries WHERE account_id = $1 AND id = $2)
     WHERE account_id = $1 AND id = $3`,
    [accountId, x.id, y.id],
  );
  const errors: unknown[] = [];
  b.engine.subscribe((e) => e.type === 'error' && errors.push(e.error));
  await b.engine.syncNow();
  assert.deepEqual(await ids(b.store), [x.id]);
  assert.equal(errors.length, 1);
  assert.ok(isSyncError(errors[0], 'corrupt-entry'));
  assert.equal((errors[0] as SyncError).details.id, y.id);
  a.engine.close();
  b.engine.close();
});

void byId;
