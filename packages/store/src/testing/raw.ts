// Plain IndexedDB helpers for tests that look under the store.

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function openRaw(
  name: string,
  version?: number,
  upgrade?: (db: IDBDatabase, tx: IDBTransaction) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
    req.onupgradeneeded = () => upgrade?.(req.result, req.transaction!);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => undefined;
  });
}

export async function readAll<T = Record<string, unknown>>(name: string, store: string): Promise<T[]> {
  const db = await openRaw(name);
  try {
    return (await request(db.transaction(store).objectStore(store).getAll())) as T[];
  } finally {
    db.close();
  }
}

export async function putRaw(name: string, store: string, values: unknown[]): Promise<void> {
  const db = await openRaw(name);
  try {
    const tx = db.transaction(store, 'readwrite');
    for (const v of values) tx.objectStore(store).put(v);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

let counter = 0;
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now()}-${counter++}`;
}

/** Every stored entry record, read with plain IndexedDB (thumbnails are in their own store). */
export async function readRecords<T = Record<string, unknown>>(name: string): Promise<T[]> {
  return readAll<T>(name, 'records');
}

/** Writes records as they are (no validation, calendar untouched), replacing any with the same key. */
export async function writeRecords(name: string, records: Record<string, unknown>[]): Promise<void> {
  await putRaw(name, 'records', records);
}

/**
 * Damages, in place, the stored row that holds entry `id` (whatever the layout: a row of its own,
 * or a month row holding many): its keys stay, its content is replaced.
 */
export async function damageRowOf(name: string, id: string): Promise<string> {
  const db = await openRaw(name);
  try {
    for (const storeName of [...db.objectStoreNames]) {
      const tx = db.transaction(storeName, 'readwrite');
      let damaged = '';
      await new Promise<void>((resolve, reject) => {
        const req = tx.objectStore(storeName).openCursor();
        req.onsuccess = () => {
          const cursor = req.result;
          if (!cursor) return resolve();
          const v = cursor.value as Record<string, unknown>;
          const holds =
            (v.id === id && typeof v.createdAt === 'string') ||
            (Array.isArray(v.records) && v.records.some((r: { id?: string }) => r?.id === id));
          if (holds) {
            const keep = ['profile', 'id', 'month', 'localDate', 'createdAt', 'updatedAt'];
            cursor.update({
              ...Object.fromEntries(keep.filter((k) => k in v).map((k) => [k, v[k]])),
              damaged: true,
            });
            damaged = storeName;
          }
          cursor.continue();
        };
        req.onerror = () => reject(req.error);
      });
      await new Promise((r) => (tx.oncomplete = r));
      if (damaged) return damaged;
    }
    throw new Error(`no stored row holds ${id}`);
  } finally {
    db.close();
  }
}
