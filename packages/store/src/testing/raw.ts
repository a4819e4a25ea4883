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

interface Row {
  profile: string;
  month: string;
  records: { id: string; localDate: string; [k: string]: unknown }[];
  [k: string]: unknown;
}

/** Every stored entry record, read with plain IndexedDB from the month rows. */
export async function readRecords<T = Record<string, unknown>>(name: string): Promise<T[]> {
  return (await readAll<Row>(name, 'months')).flatMap((row) => row.records) as T[];
}

/** Writes records as they are (no validation) into their month rows, replacing any with the same id. */
export async function writeRecords(name: string, records: Record<string, unknown>[]): Promise<void> {
  const rows = await readAll<Row>(name, 'months');
  for (const rec of records) {
    for (const row of rows)
      row.records = row.records.filter((r) => !(r.id === rec.id && row.profile === rec.profile));
    const month = String(rec.localDate).slice(0, 7);
    let row = rows.find((r) => r.profile === rec.profile && r.month === month);
    if (!row)
      rows.push((row = { profile: rec.profile as string, month, records: [], entryKeys: [], updatedAt: '' }));
    row.records.push(rec as Row['records'][number]);
    row.records.sort((a, b) =>
      a.localDate + a.createdAt + a.id < b.localDate + b.createdAt + b.id ? -1 : 1,
    );
  }
  for (const row of rows) row.entryKeys = row.records.map((r) => [row.profile, r.id]);
  await putRaw(name, 'months', rows);
}
