import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStoreError } from './errors.js';
import {
  decryptJsonExport,
  encryptJsonExport,
  exportEncryptedJson,
  exportJson,
  importEncryptedJson,
} from './exchange.js';
import { createMemoryStore } from './factories.js';
import { makeDiary, makeEntry } from './testing/fixtures.js';

// The minimum allowed, so each seal/open costs milliseconds; the format is the same at 600k.
const fast = { kdfIterations: 10_000 };
const PASS = '비밀 일기 2026';

async function diaryWith(count: number) {
  const store = createMemoryStore();
  await store.importEntries([
    ...makeDiary(count),
    makeEntry('2026-11-24', 21, { id: 'secret', note: '아무도 몰라야 하는 이야기' }),
  ]);
  return store;
}

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (e: unknown) => isStoreError(e) && e.code === code);
}

test('an encrypted backup round-trips the whole diary and shows none of it', async () => {
  const store = await diaryWith(40);
  const backup = await exportEncryptedJson(store, PASS, fast);
  const doc = JSON.parse(backup);
  assert.equal(doc.format, 'moodiary-diary-encrypted');
  assert.equal(doc.version, 1);
  assert.deepEqual(Object.keys(doc).sort(), ['cipher', 'data', 'exportedAt', 'format', 'kdf', 'version']);
  assert.equal(doc.kdf.iterations, 10_000);
  assert.ok(!backup.includes('아무도') && !backup.includes('secret') && !backup.includes('2016-01-'));

  const restored = createMemoryStore();
  const result = await importEncryptedJson(restored, backup, PASS);
  assert.equal(result.added, 41);
  assert.deepEqual(await restored.all({ includeDeleted: true }), await store.all({ includeDeleted: true }));
  // same plaintext as the plain export, apart from its timestamp
  const inner = JSON.parse(await decryptJsonExport(backup, PASS));
  const plain = JSON.parse(await exportJson(store));
  assert.deepEqual(inner.entries, plain.entries);
});

test('each backup gets a fresh salt and nonce', async () => {
  const store = await diaryWith(3);
  const a = JSON.parse(await exportEncryptedJson(store, PASS, fast));
  const b = JSON.parse(await exportEncryptedJson(store, PASS, fast));
  assert.notEqual(a.kdf.salt, b.kdf.salt);
  assert.notEqual(a.cipher.iv, b.cipher.iv);
  assert.notEqual(a.data, b.data);
});

test('a wrong passphrase or a changed byte is refused and writes nothing', async () => {
  const backup = await exportEncryptedJson(await diaryWith(5), PASS, fast);
  const target = createMemoryStore();
  await target.add(makeEntry('2026-01-01', 9, { id: 'mine' }));
  await rejectsWith(importEncryptedJson(target, backup, '비밀 일기 2025'), 'wrong-passphrase');

  const doc = JSON.parse(backup);
  const data = Buffer.from(doc.data, 'base64');
  data[10] = data[10]! ^ 1;
  const tampered = JSON.stringify({ ...doc, data: data.toString('base64') });
  await rejectsWith(importEncryptedJson(target, tampered, PASS), 'wrong-passphrase');
  // the settings are authenticated too: a lower iteration count derives another key
  const weakened = JSON.stringify({ ...doc, kdf: { ...doc.kdf, iterations: 20_000 } });
  await rejectsWith(importEncryptedJson(target, weakened, PASS), 'wrong-passphrase');

  assert.deepEqual(
    (await target.all()).map((e) => e.id),
    ['mine'],
  );
});

test('the passphrase is compared after Unicode NFC (Korean typed as jamo opens it)', async () => {
  const backup = await encryptJsonExport(await exportJson(await diaryWith(2)), PASS, fast);
  const decomposed = PASS.normalize('NFD');
  assert.notEqual(decomposed, PASS);
  const inner = JSON.parse(await decryptJsonExport(backup, decomposed));
  assert.equal(inner.format, 'moodiary-diary');
});

test('files that are not encrypted backups get import-invalid; weak settings are refused', async () => {
  const store = await diaryWith(2);
  const target = createMemoryStore();
  await rejectsWith(importEncryptedJson(target, 'not json', PASS), 'import-invalid');
  await rejectsWith(importEncryptedJson(target, await exportJson(store), PASS), 'import-invalid');
  const doc = JSON.parse(await exportEncryptedJson(store, PASS, fast));
  await rejectsWith(
    importEncryptedJson(target, JSON.stringify({ ...doc, version: 2 }), PASS),
    'import-invalid',
  );
  await rejectsWith(
    importEncryptedJson(target, JSON.stringify({ ...doc, data: '%%%' }), PASS),
    'import-invalid',
  );
  await rejectsWith(
    importEncryptedJson(target, JSON.stringify({ ...doc, kdf: { ...doc.kdf, iterations: 1 } }), PASS),
    'import-invalid',
  );
  await rejectsWith(exportEncryptedJson(store, 'short', fast), 'weak-passphrase');
  await rejectsWith(exportEncryptedJson(store, PASS, { kdfIterations: 1000 }), 'invalid-query');
  assert.equal((await target.all()).length, 0);
});

test('a guessable backup passphrase is refused with the reason; an old weak backup still opens', async () => {
  const store = await diaryWith(3);
  let error: { details?: Record<string, unknown> } | undefined;
  // 8+ characters: the old length-only rule took it.
  await assert.rejects(
    exportEncryptedJson(store, 'qwer1234', fast),
    (e: unknown) => ((error = e as typeof error), isStoreError(e, 'weak-passphrase')),
  );
  assert.equal(error?.details?.score, 0);
  assert.equal(typeof error?.details?.warning, 'string');
  await rejectsWith(
    exportEncryptedJson(store, 'jimin2026!', { ...fast, userInputs: ['Jimin'] }),
    'weak-passphrase',
  );
  // Made under a looser rule (as backups before this one were): importing takes any passphrase.
  const old = await exportEncryptedJson(store, 'qwer1234', { ...fast, minPassphraseScore: 0 });
  const target = createMemoryStore();
  assert.equal((await importEncryptedJson(target, old, 'qwer1234')).added, 4);
});
