/**
 * A tiny IndexedDB key-value store (one database, one object store). Works in pages and workers.
 * Every call resolves; when IndexedDB is unavailable (private mode, old browser) reads give undefined and writes are no-ops.
 */
const DB_NAME = 'docker-playground';
const STORE = 'kv';

let dbPromise: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
  if (dbPromise) return dbPromise;
  dbPromise = new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      if (typeof indexedDB === 'undefined') return resolve(null);
      req = indexedDB.open(DB_NAME, 1);
    } catch {
      return resolve(null);
    }
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
  return dbPromise;
}

function tx<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  return open().then(
    (db) =>
      new Promise<T | undefined>((resolve) => {
        if (!db) return resolve(undefined);
        try {
          const t = db.transaction(STORE, mode);
          const req = fn(t.objectStore(STORE));
          t.oncomplete = () => resolve(req.result);
          t.onerror = () => resolve(undefined);
          t.onabort = () => resolve(undefined);
        } catch {
          resolve(undefined);
        }
      }),
  );
}

export const kv = {
  get<T>(key: string): Promise<T | undefined> {
    return tx<T>('readonly', (s) => s.get(key) as IDBRequest<T>);
  },
  async set(key: string, value: unknown): Promise<void> {
    await tx('readwrite', (s) => s.put(value, key));
  },
  async del(key: string): Promise<void> {
    await tx('readwrite', (s) => s.delete(key));
  },
};
