import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { DatasetError } from './dataset';
import type { UploadLimits } from './limits';
import { badGzip, decompressedTooLarge, isGzip, storedTooLarge } from './upload-checks';

export interface UploadBytes {
  bytes: Uint8Array;
  /** sha256 of the file as stored (before decompression), hex. */
  checksum: string;
}

/** gunzip with an output cap, so a small file cannot expand into gigabytes. */
export function gunzipLimited(bytes: Uint8Array, limits: Pick<UploadLimits, 'maxDecompressedBytes'>, file: string): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: limits.maxDecompressedBytes });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /too large|maxOutputLength/i.test(String(e))) {
      throw decompressedTooLarge(limits, file);
    }
    throw badGzip((e as Error).message, file);
  }
}

/** Reads an upload from disk, enforcing the size limits, transparently un-gzipping it. */
export async function readUpload(path: string, limits: UploadLimits, file: string): Promise<UploadBytes> {
  await checkStoredSize(path, limits, file);
  const raw = new Uint8Array(await readFile(path));
  const checksum = createHash('sha256').update(raw).digest('hex');
  return { bytes: isGzip(raw) ? gunzipLimited(raw, limits, file) : raw, checksum };
}

/** The stored file exists and is within the upload size limit. */
export async function checkStoredSize(path: string, limits: Pick<UploadLimits, 'maxBytes'>, file: string): Promise<void> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new DatasetError('the uploaded file is missing on the server. Upload it again.', { file });
  }
  const tooLarge = storedTooLarge(size, limits, file);
  if (tooLarge) throw tooLarge;
}
