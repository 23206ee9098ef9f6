import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { formatBytes } from '../datasets/limits';
import { UploadError } from './upload-error';

export type Body = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/**
 * Streams to `tmp` with a running sha256 and a byte cap checked on every chunk (no content-length is
 * trusted or needed); removes `tmp` on any failure.
 */
export async function streamToFile(body: Body, tmp: string, maxBytes: number, fileName: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  const out = createWriteStream(tmp, { flags: 'wx' });
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new UploadError(413, `${fileName} is larger than the upload limit of ${formatBytes(maxBytes)}.`);
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return { size, sha256: hash.digest('hex') };
  } catch (err) {
    // The file opens asynchronously: removing it before the stream has closed could run before the open and
    // leave the file behind (seen under load). Destroy, wait for 'close', then remove.
    out.destroy();
    await new Promise<void>((resolve) => (out.closed ? resolve() : out.once('close', () => resolve())));
    await rm(tmp, { force: true });
    if (err instanceof UploadError) throw err;
    throw new UploadError(400, `The upload of ${fileName} was interrupted: ${err instanceof Error ? err.message : String(err)}`);
  }
}
