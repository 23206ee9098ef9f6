import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { DatasetError } from './dataset';
import { formatBytes, type UploadLimits } from './limits';

export interface UploadBytes {
  bytes: Uint8Array;
  /** sha256 of the file as stored (before decompression), hex. */
  checksum: string;
}

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** gunzip with an output cap, so a small file cannot expand into gigabytes. */
export function gunzipLimited(bytes: Uint8Array, limits: Pick<UploadLimits, 'maxDecompressedBytes'>, file: string): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: limits.maxDecompressedBytes });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /too large|maxOutputLength/i.test(String(e))) {
      throw new DatasetError(`decompresses to more than ${formatBytes(limits.maxDecompressedBytes)}. Upload a smaller subset.`, { file });
    }
    throw new DatasetError(`looks gzip-compressed but cannot be decompressed (${(e as Error).message}). Upload the file again, or upload it uncompressed.`, { file });
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
  if (size > limits.maxBytes) {
    throw new DatasetError(`is ${formatBytes(size)}; uploads may be at most ${formatBytes(limits.maxBytes)}. Upload a smaller subset.`, { file });
  }
}
