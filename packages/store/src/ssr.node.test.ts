import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createIndexedDbStore, openDiary } from './index.js';

test('imports and runs where there is no IndexedDB (Node, SSR): memory, and it says so', async () => {
  const store = await createIndexedDbStore();
  assert.equal(store.persistence, 'memory');
  assert.equal((store.fallbackReason as { code?: string }).code, 'storage-unavailable');
  const entry = await store.add({ label: 'happy', note: '서버' });
  assert.equal((await store.daySummary(entry.localDate)).dominant, 'happy');
  await assert.rejects(createIndexedDbStore({ fallback: 'error' }), { code: 'storage-unavailable' });
});

test('profiles and encryption work on the memory fallback too', async () => {
  const diary = await openDiary({ kdfIterations: 10_000 });
  const store = await diary.createProfile('node', 'passphrase!');
  await store.add({ label: 'sad' });
  store.lock();
  await assert.rejects(diary.unlock(store.profile, 'wrong one!'), { code: 'wrong-passphrase' });
  assert.equal(await (await diary.unlock(store.profile, 'passphrase!')).count(), 1);
});
