import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DatasetError } from '../dataset';
import { dataDir } from './data-files';

export { cached } from './promise-cache';

/** Reads and un-gzips a shipped file from data/ (decoded files are cached by the callers through `cached`). */
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
