import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { UnzipInflate, type Unzip } from 'fflate';
import { DatasetError } from './dataset';

/**
 * Feeds a zip from disk into fflate's streaming `unzip`, chunk by chunk, hashing it as it goes: the entry handlers
 * count what inflates and record the first limit passed (`failure`), which stops the read at the next chunk, as does
 * the parse deadline. Returns the archive's sha256.
 */
export async function streamZip(path: string, unzip: Unzip, opts: { file: string; maxParseMs: number; failure: () => unknown }): Promise<string> {
  const hash = createHash('sha256');
  const deadline = Date.now() + opts.maxParseMs;
  unzip.register(UnzipInflate);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    unzip.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (opts.failure()) throw opts.failure();
    if (Date.now() > deadline) throw new DatasetError(`took longer than ${Math.round(opts.maxParseMs / 1000)} s to read.`, { file: opts.file });
  }
  unzip.push(new Uint8Array(0), true);
  if (opts.failure()) throw opts.failure();
  return hash.digest('hex');
}

/** The chunks of one inflated entry as one array. */
export function concatChunks(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let k = 0;
  for (const c of chunks) {
    out.set(c, k);
    k += c.length;
  }
  return out;
}
