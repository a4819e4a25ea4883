// Two devices in Chromium: two IndexedDB diaries (each its own database, as on two machines)
// synced through a real server on PGlite that the test runner starts (`sync-server` in
// web-test-runner.config.mjs). Sign-up, log-in with the real key derivation, offline edits on
// both reconnecting in both orders, the live stream, and one syncing tab per profile (Web Locks).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { openDiary, type Diary } from '../profiles.js';
import { uniqueName } from '../testing/raw.js';
import type { MoodEntry } from '../types.js';
import { logIn, resume, signUp, type DiarySync } from './index.js';

/** The test runner's sync server; a command answers within 20 s, and the first start may take longer. */
async function syncServer(): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return ((await executeServerCommand('sync-server')) as { url: string }).url;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

const PASS = '봄날의 곰 correct horse';
let server = '';
const opened: Diary[] = [];
const syncs: DiarySync[] = [];

async function device(): Promise<Diary> {
  const diary = await openDiary({
    name: uniqueName('sync'),
    kdfIterations: 10_000,
    persist: false,
    fallback: 'error',
  });
  opened.push(diary);
  return diary;
}

const all = async (sync: DiarySync) =>
  (await sync.store.all({ includeDeleted: true })).sort((a, b) => (a.id < b.id ? -1 : 1));

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** An account with a few entries on device A, logged in on device B. */
async function pair(): Promise<{ a: DiarySync; b: DiarySync; base: MoodEntry[] }> {
  const username = `u${crypto.randomUUID().slice(0, 12)}`;
  const a = await signUp(await device(), { server, username, passphrase: PASS });
  const base: MoodEntry[] = [];
  for (let i = 0; i < 6; i++)
    base.push(await a.store.add({ label: 'neutral', note: `base ${i}`, tags: ['base'] }));
  await a.syncNow();
  const b = await logIn(await device(), { server, username, passphrase: PASS });
  syncs.push(a, b);
  expect(await all(b)).to.deep.equal(await all(a));
  return { a, b, base };
}

describe('sync between two IndexedDB diaries (real server)', function () {
  this.timeout(120_000);

  before(async () => {
    server = await syncServer();
  });

  afterEach(() => {
    for (const s of syncs.splice(0)) s.close();
  });

  after(() => {
    for (const d of opened) d.close();
  });

  for (const order of ['a-first', 'b-first'] as const)
    it(`edits on both devices offline, reconnecting ${order}: the same diary on both, conflicts merged`, async () => {
      const { a, b, base } = await pair();
      // offline: nothing reaches the server until both sync below
      await a.store.update(base[0]!.id, { note: 'a wrote this', tags: ['base', 'from-a'] });
      await b.store.update(base[0]!.id, { note: 'b wrote this later', tags: ['base', 'from-b'] });
      await a.store.delete(base[1]!.id);
      await b.store.update(base[1]!.id, { note: 'b kept it' });
      await b.store.delete(base[2]!.id);
      for (let i = 0; i < 3; i++) {
        await a.store.add({ label: 'happy', note: `a new ${i}` });
        await b.store.add({ label: 'sad', note: `b new ${i}` });
      }
      const [first, second] = order === 'a-first' ? [a, b] : [b, a];
      await first.syncNow();
      await second.syncNow();
      await first.syncNow();
      const onA = await all(a);
      expect(await all(b)).to.deep.equal(onA);
      expect(onA).to.have.length(12);
      const get = (id: string) => onA.find((e) => e.id === id)!;
      expect(get(base[0]!.id).note).to.equal('b wrote this later');
      expect(get(base[0]!.id).noteConflicts).to.deep.equal(['a wrote this']);
      expect([...get(base[0]!.id).tags].sort()).to.deep.equal(['base', 'from-a', 'from-b']);
      expect(get(base[1]!.id).deletedAt, 'an edit beats a delete').to.equal(undefined);
      expect(get(base[1]!.id).note).to.equal('b kept it');
      expect(get(base[2]!.id).deletedAt).to.be.a('string');
    });

  it('the live stream brings one device’s entry to the other', async () => {
    const { a, b } = await pair();
    a.start();
    b.start();
    const e = await a.store.add({ label: 'happy', note: 'live from a' });
    await until(async () => (await b.store.get(e.id))?.note === 'live from a', 'the entry on b');
    await until(() => b.status.state === 'idle' && a.status.state === 'idle', 'both idle');
  });

  it('one syncing tab per profile: a second sync of the same profile waits (Web Locks)', async () => {
    const { a } = await pair();
    const second = (await resume(a.store))!;
    syncs.push(second);
    a.start();
    await until(() => a.status.state === 'idle', 'the first syncing');
    second.start();
    expect(second.status.state).to.equal('standby');
    // a write in "another tab" is pushed by the tab holding the lock
    const e = await a.store.add({ label: 'sad', note: 'while one tab syncs' });
    await until(() => a.status.state === 'idle' && a.status.pending === 0, 'pushed');
    expect(second.status.state).to.equal('standby');
    a.stop(); // the lock passes on
    await until(() => second.status.state === 'idle', 'the second taking over');
    const other = await logIn(await device(), {
      server,
      username: a.username,
      passphrase: PASS,
    });
    syncs.push(other);
    expect((await other.store.get(e.id))?.note).to.equal('while one tab syncs');
  });
});
