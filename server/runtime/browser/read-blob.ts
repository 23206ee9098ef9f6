import { DatasetError } from '../../datasets/dataset';
import type { UploadLimits } from '../../datasets/limits';
import { badGzip, decompressedTooLarge, isGzip, notUtf8, parseTimeout, storedTooLarge } from '../../datasets/upload-checks';

/**
 * The browser's counterpart of datasets/upload-text.ts and read-upload.ts: an upload's bytes from a Blob (a file
 * the visitor picked, or the stored file read from the server), un-gzipped as they stream (gzip detected by its
 * magic bytes) with the same limits and messages, checked chunk by chunk — never held whole before the checks.
 */
async function* byteChunks(blob: Blob, limits: Pick<UploadLimits, 'maxBytes' | 'maxDecompressedBytes' | 'maxParseMs'>, file: string): AsyncGenerator<Uint8Array> {
  const tooLarge = storedTooLarge(blob.size, limits, file);
  if (tooLarge) throw tooLarge;
  const gzip = isGzip(new Uint8Array(await blob.slice(0, 2).arrayBuffer()));
  const stream = gzip ? blob.stream().pipeThrough(new DecompressionStream('gzip')) : blob.stream();
  const reader = stream.getReader();
  const deadline = Date.now() + limits.maxParseMs;
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > limits.maxDecompressedBytes) throw decompressedTooLarge(limits, file);
      if (Date.now() > deadline) throw parseTimeout(limits.maxParseMs, file);
      yield value;
    }
  } catch (e) {
    if (e instanceof DatasetError || !gzip) throw e;
    throw badGzip((e as Error).message, file);
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

/** The text of a CSV upload, decoded as strict UTF-8 piece by piece. */
export async function* blobText(blob: Blob, limits: UploadLimits, file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw notUtf8(file);
    }
  };
  for await (const chunk of byteChunks(blob, limits, file)) yield decode(chunk);
  yield decode();
}

/** The whole (decompressed) bytes of a binary upload (IDX), within the decompressed-size limit. */
export async function blobBytes(blob: Blob, limits: UploadLimits, file: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of byteChunks(blob, limits, file)) {
    parts.push(chunk);
    total += chunk.byteLength;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
