import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';

/**
 * Hostile inputs, generated at test time (nothing big is committed): compressed bombs, one giant line,
 * NUL bytes, duplicate headers, deep nesting.
 */

/** Writes a gzip file that decompresses to `head` then `repeat` copies of `chunk`: a few hundred KB on disk. */
export async function writeGzipBomb(path: string, head: string, chunk: string, repeat: number): Promise<void> {
  const gz = createGzip({ level: 9 });
  const out = createWriteStream(path);
  gz.pipe(out);
  gz.write(head);
  const piece = Buffer.from(chunk);
  for (let i = 0; i < repeat; i++) {
    if (!gz.write(piece)) await once(gz, 'drain');
  }
  gz.end();
  await once(out, 'close');
}

/** A header, then one line of `length` digits with no line break. */
export function giantLineCsv(length: number): string {
  return `a,label\n${'1'.repeat(length)}`;
}

export const nulCsv = 'a,label\n1,0\n2,\u0000x\n';
export const duplicateHeaderCsv = 'a,b,a,label\n1,2,3,0\n4,5,6,1\n';

/** JSON nested `depth` levels deep: {"a":{"a":…}}. */
export function deepJson(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** An async source of `total` bytes in `size` pieces, sent without any content-length. */
export async function* bytesWithoutLength(total: number, size = 1 << 20, fill = 0x31): AsyncGenerator<Uint8Array> {
  const piece = new Uint8Array(size).fill(fill);
  for (let sent = 0; sent < total; sent += size) yield piece.subarray(0, Math.min(size, total - sent));
}

/** A multipart/form-data body (one "file" part plus text fields) as a stream with no length. */
export function multipartStream(
  boundary: string,
  file: { name: string; body: AsyncIterable<Uint8Array> },
  fields: Record<string, string> = {},
): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  async function* parts(): AsyncGenerator<Uint8Array> {
    for (const [k, v] of Object.entries(fields)) yield enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
    yield enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`);
    yield* file.body;
    yield enc.encode(`\r\n--${boundary}--\r\n`);
  }
  const it = parts();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
}
