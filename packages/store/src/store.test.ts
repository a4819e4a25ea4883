import { createIndexedDbStore, createMemoryStore } from './factories.js';
import { openDiary } from './profiles.js';
import { runStoreContract } from './testing/contract.js';

let n = 0;
const dbName = () => `contract-${Date.now()}-${n++}`;

runStoreContract('memory', async (options) => createMemoryStore(options));

runStoreContract('IndexedDB, plain', async (options) => {
  const store = await createIndexedDbStore({ ...options, name: dbName(), fallback: 'error', persist: false });
  if (store.persistence !== 'indexeddb') throw new Error('expected IndexedDB');
  return store;
});

runStoreContract('IndexedDB, encrypted profile', async (options) => {
  const diary = await openDiary({
    ...options,
    name: dbName(),
    fallback: 'error',
    kdfIterations: 10_000,
    persist: false,
  });
  return diary.createProfile('테스트', 'correct horse battery');
});
