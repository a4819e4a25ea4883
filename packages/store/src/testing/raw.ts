// Plain IndexedDB helpers for tests that look under the store.

export function request<T>(req: IDBRequest<T>): Promise<T> {
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
