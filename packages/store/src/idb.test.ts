import { expect } from '@open-wc/testing';
import type { StoredRecord } from './backend.js';
import { plainCodec } from './codec.js';
import { createIndexedDbStore, createMemoryStore } from './factories.js';
import { IdbBackend, RECORDS, V1_ENTRIES, V2_MONTHS } from './idb-backend.js';
import { openDiary } from './profiles.js';
import { DiaryStore } from './store.js';
import { expectCode } from './testing/contract.js';
import { makeDiary, makeEntry } from './testing/fixtures.js';
import {
  damageRowOf,
  openRaw,
  putRaw,
  readAll,
  readRecords,
  uniqueName,
  writeRecords,
} from './testing/raw.js';
import type { StoreEvent } from './types.js';

function storeWith(name: string, hooks: Partial<ConstructorParameters<typeof IdbBackend>[0]> = {}) {
  const backend = new IdbBackend({
    name,
    indexedDB,
    openTimeoutMs: 2000,
    openAttempts: 2,
    operationTimeoutMs: 5000,
    ...hooks,
  });
  const store = new DiaryStore({ backend, codec: plainCodec, profile: '', options: {}, ownsBackend: true });
  return { backend, store };
}

/** An IDBFactory whose open() never answers, like a stuck Safari. */
function hangingFactory(calls: { n: number }): IDBFactory {
  return {
    open: () => {
      calls.n += 1;
      return {} as IDBOpenDBRequest;
    },
    cmp: (a: unknown, b: unknown) => indexedDB.cmp(a, b),
    deleteDatabase: () => ({}) as IDBOpenDBRequest,
    databases: async () => [],
  } as IDBFactory;
}

describe('IndexedDB store: schema and migration', () => {
  it('migrates a version-1 database: every entry kept, songs and updatedAt filled, old store removed', async () => {
    const name = uniqueName('migrate');
    const v1 = await openRaw(name, 1, (db) => {
      db.createObjectStore(V1_ENTRIES, { keyPath: 'id' }).createIndex('localDate', 'localDate');
    });
    const base = makeEntry('2025-12-24', 20, { id: 'v1-a', label: 'happy', note: '크리스마스 이브' });
    const { songs: _s, updatedAt: _u, ...a } = base;
    const b = { ...a, id: 'v1-b', localDate: '2025-12-25', deletedAt: '2025-12-26T00:00:00.000Z' };
    const broken = { ...a, id: 'v1-broken', label: 'elated' };
    const tx = v1.transaction(V1_ENTRIES, 'readwrite');
    for (const v of [a, b, broken]) tx.objectStore(V1_ENTRIES).put(v);
    await new Promise((r) => (tx.oncomplete = r));
    v1.close();

    const store = await createIndexedDbStore({ name, fallback: 'error', persist: false });
    try {
      const all = await store.all({ includeDeleted: true });
      expect(all.map((e) => e.id)).to.deep.equal(['v1-a', 'v1-b']);
      expect(all[0]).to.deep.equal({ ...a, songs: [], updatedAt: a.createdAt });
      expect(all[1]!.deletedAt).to.equal('2025-12-26T00:00:00.000Z');
      expect(await store.get('v1-b')).to.equal(undefined);
      expect((await store.corruptRecords()).map((c) => c.id)).to.deep.equal(['v1-broken']);
      // The calendar counts records without reading them: the damaged one too, the deleted one not.
      expect(await store.entriesPerDay()).to.deep.equal({ '2025-12-24': 2 });
    } finally {
      store.close();
    }
    const db = await openRaw(name);
    expect(db.version).to.equal(4);
    expect([...db.objectStoreNames].sort()).to.deep.equal([
      'calendar',
      'changes',
      'profiles',
      'records',
      'search',
      'searchYears',
      'settings',
      'thumbnails',
    ]);
    expect([...db.transaction(RECORDS).objectStore(RECORDS).indexNames].sort()).to.deep.equal([
      'byDate',
      'byUpdated',
    ]);
    db.close();
  });

  it('upgrades a version-3 database: records untouched, search answers from the new year texts', async () => {
    const name = uniqueName('v3');
    const entry = makeEntry('2025-11-02', 9, { note: 'Walked by the river' });
    const v3 = await openRaw(name, 3, (db) => {
      const records = db.createObjectStore(RECORDS, { keyPath: ['profile', 'id'] });
      records.createIndex('byDate', ['profile', 'localDate', 'createdAt', 'id']);
      records.createIndex('byUpdated', ['profile', 'updatedAt']);
      for (const store of ['thumbnails', 'calendar', 'search'])
        db.createObjectStore(store, { keyPath: ['profile', store === 'thumbnails' ? 'id' : 'month'] });
      db.createObjectStore('profiles', { keyPath: 'id' });
      db.createObjectStore('changes', { keyPath: 'profile' });
    });
    v3.close();
    await putRaw(name, RECORDS, [await plainCodec.encode(entry, '')]);
    const store = await createIndexedDbStore({ name, fallback: 'error', persist: false });
    try {
      expect((await store.search('river')).map((e) => e.id)).to.deep.equal([entry.id]);
      expect(await store.search('ocean')).to.deep.equal([]);
    } finally {
      store.close();
    }
    expect((await readAll<{ year: string }>(name, 'searchYears')).map((r) => r.year)).to.deep.equal(['2025']);
  });

  it('migrates a version-2 database (month rows): every record kept as it was, encrypted ones still open, calendar rebuilt', async () => {
    // Build a real version-2 database with today's 2.x code path: profiles, month rows, calendar rows.
    const name = uniqueName('migrate-v2');
    const thumbnail = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==';
    const plain = [
      makeEntry('2025-11-30', 9, { id: 'p-1', note: '11월' }),
      makeEntry('2025-12-01', 9, { id: 'p-2', note: '사진', thumbnail }),
      makeEntry('2025-12-01', 21, { id: 'p-3', deletedAt: '2025-12-02T00:00:00.000Z' }),
    ];
    // An encrypted profile: its row and record made by the codec (same bytes as 2.x wrote), then laid out the version-2 way.
    const sourceName = uniqueName('v2-source');
    const source = await openDiary({ name: sourceName, kdfIterations: 10_000, persist: false });
    const secret = await source.createProfile('비밀', 'correct horse battery');
    const secretEntry = makeEntry('2025-12-03', 8, { id: 's-1', note: '암호' });
    await secret.importEntries([secretEntry]);
    source.close();
    const [profileRow] = await readAll<{ id: string }>(sourceName, 'profiles');
    const [secretRecord] = await readRecords<StoredRecord>(sourceName);
    const v2 = await openRaw(name, 2, (db) => {
      const months = db.createObjectStore(V2_MONTHS, { keyPath: ['profile', 'month'] });
      months.createIndex('byEntry', 'entryKeys', { multiEntry: true });
      months.createIndex('byUpdated', ['profile', 'updatedAt']);
      db.createObjectStore('calendar', { keyPath: ['profile', 'month'] });
      db.createObjectStore('profiles', { keyPath: 'id' });
    });
    const records = await Promise.all(plain.map((e) => plainCodec.encode(e, '')));
    // Version 2 kept plain thumbnails inside `data`.
    records[1]!.data!.thumbnail = thumbnail;
    delete records[1]!.thumbRef;
    delete records[1]!.thumb;
    const row = (month: string, list: StoredRecord[]) => ({
      profile: '',
      month,
      updatedAt: list
        .map((r) => r.updatedAt)
        .sort()
        .pop(),
      entryKeys: list.map((r) => ['', r.id]),
      records: list,
    });
    const tx = v2.transaction([V2_MONTHS, 'calendar'], 'readwrite');
    tx.objectStore(V2_MONTHS).put(row('2025-11', [records[0]!]));
    tx.objectStore(V2_MONTHS).put(row('2025-12', [records[1]!, records[2]!]));
    tx.objectStore(V2_MONTHS).put({ profile: '', month: '2025-10', records: 'garbage', entryKeys: [] });
    tx.objectStore('calendar').put({ profile: '', month: '2025-11', days: { '2025-11-30': 1 } });
    await new Promise((r) => (tx.oncomplete = r));
    const tx2 = v2.transaction([V2_MONTHS, 'profiles'], 'readwrite');
    tx2.objectStore('profiles').put(profileRow);
    tx2.objectStore(V2_MONTHS).put({
      ...row('2025-12', [secretRecord!]),
      profile: profileRow!.id,
      entryKeys: [[profileRow!.id, 's-1']],
    });
    await new Promise((r) => (tx2.oncomplete = r));
    v2.close();

    const store = await createIndexedDbStore({
      name,
      fallback: 'error',
      persist: false,
      allowThumbnails: true,
    });
    try {
      expect(await store.all({ includeDeleted: true })).to.deep.equal(plain);
      expect(await store.entriesPerDay()).to.deep.equal({ '2025-11-30': 1, '2025-12-01': 1 });
      // Saving again keeps the photo, now in its own store.
      await store.update('p-2', { note: '사진 2' });
      expect((await store.get('p-2'))!.thumbnail).to.equal(thumbnail);
    } finally {
      store.close();
    }
    const diary = await openDiary({ name, kdfIterations: 10_000, persist: false, fallback: 'error' });
    const unlocked = await diary.unlock(profileRow!.id, 'correct horse battery');
    expect(await unlocked.all()).to.deep.equal([secretEntry]);
    expect(await unlocked.entriesPerDay()).to.deep.equal({ '2025-12-03': 1 });
    diary.close();
    const db = await openRaw(name);
    expect(db.version).to.equal(4);
    // The unreadable month row is kept for recovery, alone in the old store; the rest moved.
    expect([...db.objectStoreNames].sort()).to.deep.equal([
      'calendar',
      'changes',
      'months',
      'profiles',
      'records',
      'search',
      'searchYears',
      'settings',
      'thumbnails',
    ]);
    db.close();
    expect((await readAll<{ month: string }>(name, V2_MONTHS)).map((r) => r.month)).to.deep.equal([
      '2025-10',
    ]);
    expect((await readRecords<StoredRecord>(name)).map((r) => r.id).sort()).to.deep.equal([
      'p-1',
      'p-2',
      'p-3',
      's-1',
    ]);
    expect(
      (await readRecords<StoredRecord>(name)).some((r) => JSON.stringify(r).includes('base64')),
    ).to.equal(false);
  });

  it('confirms a save only once it is committed: a second connection reads it at once', async () => {
    const name = uniqueName('commit');
    const store = await createIndexedDbStore({ name, persist: false });
    const entry = await store.add({ label: 'sad', note: 'committed' });
    const raw = await readRecords<StoredRecord>(name);
    expect(raw.map((r) => r.id)).to.deep.equal([entry.id]);
    expect(raw[0]!.data!.note).to.equal('committed');
    store.close();
  });
});

describe('IndexedDB store: bad days', () => {
  it('a blocked upgrade calls onBlocked and fails with blocked instead of hanging', async () => {
    const name = uniqueName('blocked');
    const old = await openRaw(name, 1, (db) => db.createObjectStore(V1_ENTRIES, { keyPath: 'id' }));
    // This old tab ignores versionchange, as old code or a busy tab would.
    let blockedCalls = 0;
    const started = performance.now();
    const error = await expectCode(
      createIndexedDbStore({ name, openTimeoutMs: 300, persist: false, onBlocked: () => blockedCalls++ }),
      'blocked',
    );
    expect(error.message).to.match(/close the other tabs/i);
    expect(blockedCalls).to.be.greaterThan(0);
    expect(performance.now() - started).to.be.below(2000);
    old.close();
    // Once the old tab is gone the upgrade goes through.
    const store = await createIndexedDbStore({ name, persist: false, fallback: 'error' });
    expect(store.persistence).to.equal('indexeddb');
    store.close();
  });

  it('a blocked upgrade succeeds when the other tab closes in time', async () => {
    const name = uniqueName('blocked-ok');
    const old = await openRaw(name, 1, (db) => db.createObjectStore(V1_ENTRIES, { keyPath: 'id' }));
    const store = await createIndexedDbStore({
      name,
      openTimeoutMs: 3000,
      persist: false,
      fallback: 'error',
      onBlocked: () => old.close(),
    });
    expect(store.persistence).to.equal('indexeddb');
    store.close();
  });

  it('closes on versionchange, emits an event, and then reports a newer version', async () => {
    const name = uniqueName('versionchange');
    const store = await createIndexedDbStore({ name, persist: false });
    await store.add({ label: 'happy' });
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    const newer = await openRaw(name, 5); // would hang forever if the store did not close
    expect(events).to.deep.include({ type: 'versionchange' });
    await expectCode(store.add({ label: 'sad' }), 'version');
    newer.close();
    store.close();
  });

  it('counts, days and streaks read once are read again as soon as another connection writes', async () => {
    const name = uniqueName('calendar-reuse');
    const a = await createIndexedDbStore({ name, persist: false });
    const b = await createIndexedDbStore({ name, persist: false });
    await a.importEntries([makeEntry('2026-03-01', 9), makeEntry('2026-03-02', 9)]);
    const [days, streaks] = await Promise.all([a.entriesPerDay(), a.streaks('2026-03-02')]);
    expect(days).to.deep.equal({ '2026-03-01': 1, '2026-03-02': 1 });
    expect(streaks.current).to.equal(2);
    await b.add({ label: 'sad', localDate: '2026-03-03' }); // no event awaited: the next read must see it
    expect(await a.entriesPerDay()).to.deep.equal({ '2026-03-01': 1, '2026-03-02': 1, '2026-03-03': 1 });
    expect((await a.streaks('2026-03-03')).current).to.equal(3);
    expect(await a.count()).to.equal(3);
    a.close();
    b.close();
  });

  it('reopens a lost connection and retries the operation', async () => {
    const { backend, store } = storeWith(uniqueName('lost'));
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    await store.add({ label: 'happy' });
    backend.dropConnection();
    await store.add({ label: 'sad' });
    expect(await store.count()).to.equal(2);
    expect(events.map((e) => e.type)).to.include('reconnected');
    store.close();
  });

  it('a call that hangs is timed out, the connection reopened and the call retried', async () => {
    let stalls = 0;
    const { store } = storeWith(uniqueName('hang'), {
      operationTimeoutMs: 200,
      stall: (what) =>
        what === 'read entries' && stalls++ === 0 ? new Promise<void>(() => undefined) : undefined,
    });
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    await store.add({ label: 'happy', localDate: '2026-01-01' });
    const started = performance.now();
    expect(await store.byDay('2026-01-01')).to.have.length(1);
    expect(performance.now() - started).to.be.within(150, 3000);
    expect(stalls).to.equal(2);
    expect(events.map((e) => e.type)).to.include('reconnected');
    store.close();
  });

  it('a retried add whose first attempt did commit is not duplicated', async () => {
    let lost = 0;
    const name = uniqueName('retry');
    const { store } = storeWith(name, {
      afterCommit: () => {
        if (lost++ === 0)
          throw new DOMException('Connection to Indexed Database server lost.', 'UnknownError');
      },
    });
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    const entry = await store.add({ label: 'happy', note: 'once' });
    expect(lost).to.equal(2);
    expect(events.filter((e) => e.type === 'change')).to.deep.equal([
      { type: 'change', kind: 'add', ids: [entry.id], origin: 'local' },
    ]);
    expect((await readRecords(name)).length).to.equal(1);
    expect(await store.get(entry.id)).to.deep.equal(entry);
    store.close();
  });

  it('quota exceeded gives storage-quota and writes nothing of the batch', async () => {
    const name = uniqueName('quota');
    let full = false;
    const { store } = storeWith(name, {
      beforeCommit: () => {
        if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    });
    await store.add({ label: 'happy', note: 'before' });
    full = true;
    const error = await expectCode(store.importEntries(makeDiary(50)), 'storage-quota');
    expect(error.message).to.match(/space/);
    await expectCode(store.add({ label: 'sad' }), 'storage-quota');
    expect((await readRecords(name)).length).to.equal(1);
    full = false;
    expect((await store.importEntries(makeDiary(50))).added).to.equal(50);
    store.close();
  });

  it('a corrupt record is reported and skipped; the rest of the diary keeps working', async () => {
    const name = uniqueName('corrupt');
    const store = await createIndexedDbStore({ name, persist: false });
    await store.importEntries([makeEntry('2026-01-02', 9, { label: 'happy' }), makeEntry('2026-01-03', 9)]);
    await writeRecords(name, [
      {
        profile: '',
        id: 'bad-1',
        localDate: '2026-01-02',
        createdAt: '2026-01-02T01:00:00.000Z',
        updatedAt: 'x',
        data: { label: 'joy' },
      },
      {
        profile: '',
        id: 'bad-2',
        localDate: '2026-01-02',
        createdAt: '2026-01-02T02:00:00.000Z',
        updatedAt: 'x',
        data: null,
      },
    ]);
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    expect((await store.byDay('2026-01-02')).map((e) => e.label)).to.deep.equal(['happy']);
    expect((await store.range()).entries).to.have.length(2);
    expect((await store.monthSummary('2026-01-01')).count).to.equal(2);
    expect((await store.corruptRecords()).map((c) => c.id).sort()).to.deep.equal(['bad-1', 'bad-2']);
    expect(events.filter((e) => e.type === 'corrupt')).to.have.length(2);
    const error = await expectCode(store.get('bad-1'), 'corrupt-record');
    expect(error.details?.id).to.equal('bad-1');
    // Repairing it by writing a good entry with the same id clears the report.
    await store.put(makeEntry('2026-01-02', 10, { id: 'bad-1' }));
    await store.purge('bad-2');
    expect(await store.corruptRecords({ scan: true })).to.deep.equal([]);
    store.close();
  });

  it('a damaged stored row hides only its own entry, even in a busy month', async () => {
    const name = uniqueName('corrupt-row');
    const store = await createIndexedDbStore({ name, persist: false });
    const month = Array.from({ length: 60 }, (_, i) =>
      makeEntry(`2026-02-${String(1 + (i % 28)).padStart(2, '0')}`, i % 24, { id: `feb-${i}` }),
    );
    await store.importEntries(month);
    await damageRowOf(name, 'feb-7');
    expect((await store.all()).map((e) => e.id).sort()).to.deep.equal(
      month
        .map((e) => e.id)
        .filter((id) => id !== 'feb-7')
        .sort(),
    );
    expect((await store.corruptRecords()).map((c) => c.id)).to.deep.equal(['feb-7']);
    await store.add({ label: 'happy', localDate: '2026-02-03' });
    expect(await store.count({ from: '2026-02-01', to: '2026-02-28' })).to.equal(60);
    store.close();
  });

  it('an import stores the digests of the months it filled: a new session summarises them without opening an entry', async () => {
    const name = uniqueName('import-digests');
    const store = await createIndexedDbStore({ name, persist: false });
    await store.add({ label: 'sad', localDate: '2026-03-05' }); // March held an entry before the import
    const feb = Array.from({ length: 60 }, (_, i) =>
      makeEntry(`2026-02-${String(1 + (i % 28)).padStart(2, '0')}`, i % 24, { id: `feb-${i}` }),
    );
    const mar = Array.from({ length: 10 }, (_, i) =>
      makeEntry(`2026-03-${String(1 + i).padStart(2, '0')}`, 9),
    );
    await store.importEntries([...feb, ...mar]);
    store.close();
    const reference = createMemoryStore();
    await reference.importEntries(feb);
    const summary = await reference.monthSummary('2026-02-10');
    // A damaged row shows who was opened: only an entry read whole is found damaged.
    await damageRowOf(name, 'feb-7');
    const again = await createIndexedDbStore({ name, persist: false });
    expect(await again.monthSummary('2026-02-10')).to.deep.equal(summary);
    expect(await again.corruptRecords(), 'no February entry opened').to.deep.equal([]);
    // A month that held entries before: its figures count every entry (its digest is built when read).
    expect((await again.monthSummary('2026-03-10')).count).to.equal(11);
    again.close();
  });

  it('photos live apart: a soft delete leaves the photo row untouched; a photo moved to another entry does not open and hides nothing else', async () => {
    const name = uniqueName('photos');
    const diary = await openDiary({ name, kdfIterations: 10_000, persist: false, allowThumbnails: true });
    const store = await diary.createProfile('사진', 'correct horse battery');
    const photo = (n: number) => `data:image/jpeg;base64,${btoa(String(n).repeat(40))}`;
    const [a, b] = [
      await store.add({ label: 'happy', note: 'a', thumbnail: photo(1) }),
      await store.add({ label: 'sad', note: 'b', thumbnail: photo(2) }),
    ];
    expect((await readRecords(name)).some((r) => JSON.stringify(r).includes('base64'))).to.equal(false);
    const before = await readAll<{ id: string; ct: ArrayBuffer }>(name, 'thumbnails');
    await store.delete(a.id);
    await store.restore(a.id);
    expect(await readAll(name, 'thumbnails')).to.deep.equal(before);
    expect((await store.get(a.id))!.thumbnail).to.equal(photo(1));
    // b's row now holds a's photo (its ciphertext moved): b shows without a photo, a and the note stay.
    const rowA = before.find((t) => t.id === a.id)!;
    await putRaw(name, 'thumbnails', [{ ...rowA, id: b.id }]);
    const { thumbnail: _moved, ...withoutPhoto } = b;
    expect(await store.get(b.id)).to.deep.equal(withoutPhoto);
    expect((await store.all()).map((e) => [e.id, e.thumbnail])).to.deep.equal([
      [a.id, photo(1)],
      [b.id, undefined],
    ]);
    diary.close();
  });

  it('an open() that hangs is timed out and retried, then falls back to memory and says so', async () => {
    const calls = { n: 0 };
    const started = performance.now();
    const store = await createIndexedDbStore({
      indexedDB: hangingFactory(calls),
      openTimeoutMs: 100,
      openAttempts: 3,
    });
    expect(calls.n).to.equal(3);
    expect(performance.now() - started).to.be.below(1500);
    expect(store.persistence).to.equal('memory');
    expect((store.fallbackReason as { code?: string }).code).to.equal('timeout');
    const e = await store.add({ label: 'happy' });
    expect(await store.get(e.id)).to.deep.equal(e);
    await expectCode(
      createIndexedDbStore({
        indexedDB: hangingFactory(calls),
        openTimeoutMs: 50,
        openAttempts: 1,
        fallback: 'error',
      }),
      'timeout',
    );
  });

  it('where IndexedDB is unavailable the diary keeps working in memory, profiles included', async () => {
    const refusing = {
      open: () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
      cmp: (a: unknown, b: unknown) => indexedDB.cmp(a, b),
    } as unknown as IDBFactory;
    const store = await createIndexedDbStore({ indexedDB: refusing });
    expect(store.persistence).to.equal('memory');
    expect(store.persisted).to.equal(false);
    expect((store.fallbackReason as { code?: string }).code).to.equal('storage-unavailable');
    await store.add({ label: 'neutral' });
    expect(await store.count()).to.equal(1);
    const diary = await openDiary({ indexedDB: refusing, kdfIterations: 10_000 });
    expect(diary.persistence).to.equal('memory');
    const profile = await diary.createProfile('mem', 'passphrase!');
    await profile.add({ label: 'happy' });
    expect(await profile.count()).to.equal(1);
    await expectCode(createIndexedDbStore({ indexedDB: refusing, fallback: 'error' }), 'storage-unavailable');
  });

  it('never waits on a persistence prompt: persisted is null, then the answer', async () => {
    const storage = navigator.storage as unknown as Record<string, unknown>;
    Object.defineProperty(storage, 'persisted', { value: async () => false, configurable: true });
    Object.defineProperty(storage, 'persist', {
      value: () => new Promise((resolve) => setTimeout(() => resolve(true), 700)), // the user thinks
      configurable: true,
    });
    try {
      const started = performance.now();
      const store = await createIndexedDbStore({ name: uniqueName('prompt') });
      expect(performance.now() - started).to.be.below(650);
      expect(store.persisted).to.equal(null);
      await new Promise((r) => setTimeout(r, 800));
      expect(store.persisted).to.equal(true);
      store.close();
    } finally {
      delete storage.persist;
      delete storage.persisted;
    }
  });

  it('asks for persistent storage and reports the answer', async () => {
    const store = await createIndexedDbStore({ name: uniqueName('persist') });
    expect(store.persisted).to.be.a('boolean');
    expect(await store.requestPersistence()).to.be.a('boolean');
    store.close();
  });
});
