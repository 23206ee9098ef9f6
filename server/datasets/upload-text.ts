import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DatasetError } from './dataset';
import type { UploadLimits } from './limits';
import { badGzip, decompressedTooLarge, notUtf8, parseTimeout } from './upload-checks';

/** True when the file starts with the gzip magic number. */
async function startsWithGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** The stored bytes (hashed on the way), gunzipped as they stream when the file is gzip. */
async function byteStream(path: string, hash: Hash): Promise<{ stream: Readable; gzip: boolean }> {
  const gzip = await startsWithGzip(path);
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  const done = () => undefined; // errors surface to the reader below
  const stream = gzip ? pipeline(createReadStream(path), tap, createGunzip(), done) : pipeline(createReadStream(path), tap, done);
  return { stream, gzip };
}

/**
 * Streams an upload's text: decompressed on the fly (gzip detected by its magic bytes) and decoded as
 * strict UTF-8, with the decompressed size and the parse deadline enforced chunk by chunk. Nothing is
 * ever held whole. `checksum()` is the sha256 of the stored bytes once the text has been read.
 */
export async function uploadText(
  path: string,
  limits: Pick<UploadLimits, 'maxDecompressedBytes' | 'maxParseMs'>,
  file: string,
): Promise<{ chunks: AsyncGenerator<string>; checksum: () => string }> {
  const hash = createHash('sha256');
  const { stream, gzip } = await byteStream(path, hash);
  const deadline = Date.now() + limits.maxParseMs;
  async function* chunks(): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let total = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.byteLength;
        if (total > limits.maxDecompressedBytes) {
          throw decompressedTooLarge(limits, file);
        }
        if (Date.now() > deadline) throw parseTimeout(limits.maxParseMs, file);
        yield decode(decoder, chunk, file);
      }
    } catch (e) {
      if (e instanceof DatasetError) throw e;
      if (gzip) throw badGzip((e as Error).message, file);
      throw e;
    } finally {
      stream.destroy();
    }
    yield decode(decoder, undefined, file);
  }
  return { chunks: chunks(), checksum: () => hash.digest('hex') };
}

function decode(decoder: TextDecoder, chunk: Buffer | undefined, file: string): string {
  try {
    return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
  } catch {
    throw notUtf8(file);
  }
}
