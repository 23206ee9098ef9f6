import { readLocalRun, summarise, type LocalRunRecord, type LocalRunSummary } from './local-run-record';

/**
 * Runs kept in this browser: one IndexedDB object store, records by id (local-run-record.ts). Nothing here
 * reaches the server. The database's own version is the object store layout, not the record format.
 */
const DB_NAME = 'stepstone';
const STORE = 'browser-runs';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('This browser refused to open its storage (IndexedDB).'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? req.error ?? new Error('IndexedDB transaction failed.'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted (the browser may be out of storage).'));
    });
  } finally {
    db.close();
  }
}

export async function putLocalRun(record: LocalRunRecord): Promise<void> {
  await withStore('readwrite', (s) => s.put(record));
}

/** The record, or why it cannot be shown (missing, or from a newer version). */
export async function getLocalRun(id: string): Promise<{ ok: true; record: LocalRunRecord } | { ok: false; reason: string }> {
  const raw = await withStore('readonly', (s) => s.get(id) as IDBRequest<unknown>);
  if (raw === undefined) return { ok: false, reason: 'No run with this id is kept in this browser (it may have been deleted, or kept in another browser).' };
  return readLocalRun(raw);
}

/** Every readable record, newest first. */
export async function listLocalRuns(): Promise<LocalRunSummary[]> {
  const all = await withStore('readonly', (s) => s.getAll() as IDBRequest<unknown[]>);
  return all.flatMap((raw) => {
    const r = readLocalRun(raw);
    return r.ok ? [summarise(r.record)] : [];
  }).sort((a, b) => b.endedAt.localeCompare(a.endedAt));
}

export async function deleteLocalRun(id: string): Promise<void> {
  await withStore('readwrite', (s) => s.delete(id));
}
