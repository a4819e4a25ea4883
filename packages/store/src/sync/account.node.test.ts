// The account flows of `@moodiary/store/sync` with the real key derivation against the real
// server on PGlite: sign-up on one device, log-in on another, the server's own reference
// client opening what this client sealed, "the server learns nothing", sessions and deletion.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { deriveKeys, openEntry, unwrapDiaryKey } from '../../../server/src/testing/client.js';
import { exportJson } from '../exchange.js';
import { openDiary, type Diary } from '../profiles.js';
import { startSyncServer, type Harness } from '../testing/sync.js';
import type { MoodEntry } from '../types.js';
import { isSyncError, logIn, resume, signUp, type DiarySync } from './index.js';

let h: Harness;
const diaries: Diary[] = [];
const device = async () => {
  const diary = await openDiary({ kdfIterations: 10_000 }); // Node: profiles in memory
  diaries.push(diary);
  return diary;
};
before(async () => {
  h = await startSyncServer();
});
after(async () => {
  for (const d of diaries) d.close();
  await h?.close();
});

const PASSPHRASE = 'violet harbour kettle 1987';
const NOTES = [
  '비 오는 날 혼자 커피를 마셨다',
  'walked by the river with Minji',
  'argued about the rent again',
];
const TAGS = ['secret-tag-family', '산책하는-날', 'therapy-notes'];

/** Every way a secret could show: UTF-8, hex, base64 (each alignment) and base64url. */
function encodings(secret: Buffer | string): string[] {
  const bytes = Buffer.isBuffer(secret) ? secret : Buffer.from(secret);
  const out = [bytes.toString('hex'), bytes.toString('base64url')];
  if (!Buffer.isBuffer(secret)) out.push(secret);
  for (let shift = 0; shift < 3; shift++) out.push(bytes.subarray(shift).toString('base64').slice(4, -4));
  return out.filter((s) => s.length >= 8);
}

async function dump(): Promise<string> {
  const { rows } = await h.server.db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
  );
  let text = '';
  for (const { name } of rows) {
    const t = await h.server.db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${name}" t`);
    text += t.rows.map((r) => r.row).join('\n') + '\n';
  }
  return text + h.server.logs.join('\n');
}

let a: DiarySync;
let b: DiarySync;
const entries: MoodEntry[] = [];

test('sign-up on one device, log-in on another: the diary follows, and the server reference client opens it', async () => {
  const diaryA = await device();
  a = await signUp(diaryA, { server: h.url, username: 'Minji', passphrase: PASSPHRASE, profileName: '민지' });
  assert.equal(a.username, 'minji');
  for (let i = 0; i < 12; i++)
    entries.push(
      await a.store.add({
        label: i % 2 ? 'happy' : 'embarrassed',
        note: `${NOTES[i % 3]} ${i}`,
        tags: [TAGS[i % 3]!],
      }),
    );
  await a.store.delete(entries[3]!.id);
  await a.syncNow();

  const diaryB = await device();
  b = await logIn(diaryB, {
    server: h.url,
    username: 'MINJI',
    passphrase: PASSPHRASE,
    deviceLabel: 'laptop',
  });
  assert.equal(b.store.profileName, 'MINJI');
  const onB = await b.store.all({ includeDeleted: true });
  assert.deepEqual(onB, await a.store.all({ includeDeleted: true }));
  assert.equal(onB.length, 12);
  assert.ok(onB.find((e) => e.id === entries[3]!.id)?.deletedAt);
  // B's own profile unlocks offline with the same passphrase, on the same diary key
  b.store.lock();
  const again = await diaryB.unlock(b.store.profile, PASSPHRASE);
  assert.equal((await again.all()).length, 11);
  b = (await resume(again))!;
  assert.ok(b);

  // the server's reference client (node:crypto) derives the same keys and opens every row
  const { rows } = await h.server.db.query<{ seed: Buffer; wrapped: Buffer; id: string }>(
    `SELECT a.salt_seed AS seed, k.wrapped_key AS wrapped, a.id FROM accounts a JOIN key_bundles k ON k.account_id = a.id
     WHERE a.username = 'minji'`,
  );
  const account = rows[0]!;
  const keys = deriveKeys(PASSPHRASE, 'minji', Buffer.from(account.seed));
  const diaryKey = unwrapDiaryKey(keys.master, Buffer.from(account.wrapped), 'minji');
  const stored = await h.server.db.query<{ id: string; rev: string; deleted: boolean; payload: Buffer }>(
    'SELECT id, rev, deleted, payload FROM entries WHERE account_id = $1',
    [account.id],
  );
  assert.equal(stored.rows.length, 12);
  for (const row of stored.rows) {
    const body = openEntry<Omit<MoodEntry, 'id'>>(
      diaryKey,
      account.id,
      row.id,
      Number(row.rev),
      row.deleted,
      row.payload,
    );
    const { id: _id, ...local } = (await a.store.get(row.id, { includeDeleted: true }))!;
    assert.deepEqual(body, local);
    assert.equal(row.deleted, row.id === entries[3]!.id);
    assert.equal((row.payload.length - 28) % 256, 0, 'padded to 256-byte steps, plus IV and tag');
  }

  // the server learns nothing: no note, tag, label, passphrase or key in any table or log line
  const text = await dump();
  const secrets: [string, string[]][] = [
    ...entries.map((e): [string, string[]] => [`note ${e.note}`, encodings(e.note)]),
    ...TAGS.map((t): [string, string[]] => [`tag ${t}`, encodings(t)]),
    ...['happy', 'embarrassed'].map((l): [string, string[]] => [
      `label ${l}`,
      [`"${l}"`, ...encodings(`"label":"${l}"`)],
    ]),
    ['passphrase', encodings(PASSPHRASE)],
    ['master key', encodings(keys.master)],
    ['server password', encodings(keys.authKey)],
    ['diary key', encodings(diaryKey)],
  ];
  assert.ok(text.length > 2000);
  for (const [what, forms] of secrets)
    for (const form of forms) assert.ok(!text.includes(form), `${what} found on the server as ${form}`);

  // the session token is kept in the profile's sealed settings, and never exported
  const exported = await exportJson(a.store);
  assert.doesNotMatch(exported, /sync\.|token/);
});

test('a wrong passphrase or a taken username leaves no profile behind', async () => {
  const diary = await device();
  await assert.rejects(
    logIn(diary, { server: h.url, username: 'minji', passphrase: 'not the passphrase at all' }),
    (e) => isSyncError(e, 'bad-credentials'),
  );
  await assert.rejects(
    signUp(diary, { server: h.url, username: 'minji', passphrase: 'another long passphrase 42' }),
    (e) => isSyncError(e, 'username-taken'),
  );
  assert.deepEqual(await diary.listProfiles(), []);
  await assert.rejects(
    logIn(diary, { server: 'ftp://example.invalid', username: 'minji', passphrase: PASSPHRASE }),
    (e) => isSyncError(e, 'rejected'),
  );
});

test('devices, log out everywhere (the other device is told), delete account', async () => {
  const sessions = await a.devices();
  assert.equal(sessions.length, 2);
  assert.equal(sessions.filter((s) => s.current).length, 1);
  assert.ok(sessions.some((s) => s.label === 'laptop'));

  a.start();
  for (let i = 0; i < 200 && a.status.state !== 'idle'; i++) await sleep(25);
  await b.logOutEverywhere();
  for (let i = 0; i < 400 && a.status.state !== 'logged-out'; i++) await sleep(25);
  assert.equal(a.status.state, 'logged-out');
  assert.equal(a.status.error?.code, 'unauthorized');
  await assert.rejects(a.syncNow(), (e) => isSyncError(e, 'unauthorized'));
  assert.equal(await resume(b.store), null, 'B is local-only now');
  assert.equal((await b.store.all()).length, 11, 'and keeps its diary');

  const diary = await device();
  const c = await logIn(diary, { server: h.url, username: 'minji', passphrase: PASSPHRASE });
  await assert.rejects(c.deleteAccount('not the passphrase at all'), (e) =>
    isSyncError(e, 'bad-credentials'),
  );
  await c.deleteAccount(PASSPHRASE);
  const left = await h.server.db.query(`SELECT 1 FROM accounts WHERE username = 'minji'`);
  assert.equal(left.rows.length, 0);
  assert.equal(await resume(c.store), null);
  assert.equal((await c.store.all()).length, 11);
});
