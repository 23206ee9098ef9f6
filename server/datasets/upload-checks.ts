import { DatasetError } from './dataset';
import { formatBytes, type UploadLimits } from './limits';

/**
 * The checks and messages of reading an upload's bytes, shared by the server's readers (read-upload.ts,
 * upload-text.ts: files on disk) and the browser's (runtime/browser/read-blob.ts: a Blob): isomorphic.
 */

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function storedTooLarge(size: number, limits: Pick<UploadLimits, 'maxBytes'>, file: string): DatasetError | null {
  return size > limits.maxBytes ? new DatasetError(`is ${formatBytes(size)}; uploads may be at most ${formatBytes(limits.maxBytes)}. Upload a smaller subset.`, { file }) : null;
}

export function decompressedTooLarge(limits: Pick<UploadLimits, 'maxDecompressedBytes'>, file: string): DatasetError {
  return new DatasetError(`decompresses to more than ${formatBytes(limits.maxDecompressedBytes)}. Upload a smaller subset.`, { file });
}

export function badGzip(reason: string, file: string): DatasetError {
  return new DatasetError(`looks gzip-compressed but cannot be decompressed (${reason}). Upload the file again, or upload it uncompressed.`, { file });
}

export function notUtf8(file: string): DatasetError {
  return new DatasetError('is not UTF-8 text. Save the CSV as UTF-8 and upload it again.', { file });
}

export function parseTimeout(ms: number, file: string): DatasetError {
  return new DatasetError(`took longer than ${Math.round(ms / 1000)} s to read. Upload a smaller or simpler file.`, { file });
}
