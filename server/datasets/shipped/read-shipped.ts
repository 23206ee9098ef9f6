import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DatasetError } from '../dataset';
import { dataDir } from './data-files';

/**
 * Reads and un-gzips a shipped file from data/, once per process: decoded files are cached (as
 * promises, so concurrent first loads share one read). Callers copy before handing data out.
 */
const cache = new Map<string, Promise<unknown>>();

export function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    // A failed load (e.g. data not built yet) must not stick.
    p.catch(() => cache.delete(key));
  }
  return p;
}

export async function readShippedGz(name: string): Promise<Uint8Array> {
  const path = join(dataDir(), name);
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch {
    throw new DatasetError(`the built-in data file ${path} is missing. Run "npm run data:build" (or set STEPSTONE_BUILTIN_DATA_DIR to the repo's data/ directory).`, { file: name });
  }
  return new Uint8Array(gunzipSync(raw));
}
