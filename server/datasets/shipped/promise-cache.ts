/**
 * Decoded shipped files, once per process (or worker): cached as promises so that concurrent first loads share one
 * read. Callers copy before handing data out. Shared by the Node reader and the browser's fetch-based one.
 */
const cache = new Map<string, Promise<unknown>>();

export function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    // A failed load (e.g. data not built yet, a network error) must not stick.
    p.catch(() => cache.delete(key));
  }
  return p;
}
