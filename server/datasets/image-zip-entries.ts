import { Unzip, type UnzipFile } from 'fflate';
import { DatasetError } from './dataset';
import { formatBytes, type UploadLimits } from './limits';
import { concatChunks, streamZip } from './stream-zip';

/** One image file of the archive: its class folder, name and bytes. */
export interface ZipImage {
  readonly className: string;
  readonly name: string;
  readonly bytes: Uint8Array;
}

const IMAGE = /\.(png|jpe?g)$/i;

/**
 * `class/file.png` or `top/class/file.png` → the class, or null for entries that are not images of a class
 * (folders, `__MACOSX/`, dot files). Absolute paths and `..` are refused.
 */
export function classOf(entry: string, file: string): { className: string; name: string } | null {
  const parts = entry.split('/').filter((p) => p !== '');
  if (entry.startsWith('/') || parts.includes('..') || /^[A-Za-z]:/.test(entry)) throw new DatasetError(`the archive entry "${entry.slice(0, 80)}" points outside the archive; it is refused.`, { file });
  if (parts.some((p) => p.startsWith('.') || p === '__MACOSX') || !IMAGE.test(entry)) return null;
  if (parts.length < 2 || parts.length > 3) {
    throw new DatasetError(`"${entry.slice(0, 80)}" is not in a class folder: put each image in a folder named after its class (cat/1.png, dog/2.jpg).`, { file });
  }
  return { className: parts[parts.length - 2]!, name: parts[parts.length - 1]! };
}

/**
 * Reads a zip as it streams from disk (fflate), keeping only the images: the number of entries and the total
 * uncompressed bytes are counted as they inflate — a zip bomb stops at the limit, whatever its headers claim.
 */
export async function readZipImages(path: string, limits: UploadLimits, file: string): Promise<{ images: ZipImage[]; checksum: string }> {
  const images: ZipImage[] = [];
  let entries = 0;
  let total = 0;
  let failure: unknown = null;
  const unzip = new Unzip((entry: UnzipFile) => {
    if (++entries > limits.maxZipEntries) throw new DatasetError(`has more than ${limits.maxZipEntries} files; upload fewer images.`, { file });
    const where = classOf(entry.name, file);
    const chunks: Uint8Array[] = [];
    entry.ondata = (err, chunk, final) => {
      if (err) return void (failure ??= new DatasetError(`"${entry.name.slice(0, 80)}" cannot be decompressed (${err.message}).`, { file }));
      total += chunk.length;
      if (total > limits.maxDecompressedBytes) return void (failure ??= new DatasetError(`decompresses to more than ${formatBytes(limits.maxDecompressedBytes)}; upload fewer or smaller images.`, { file }));
      if (where) chunks.push(chunk);
      if (final && where) images.push({ ...where, bytes: concatChunks(chunks) });
    };
    entry.start();
  });
  const checksum = await streamZip(path, unzip, { file, maxParseMs: limits.maxParseMs, failure: () => failure });
  if (entries === 0) throw new DatasetError('is not a zip archive, or an empty one. Zip one folder per class of PNG or JPEG images.', { file });
  return { images, checksum };
}
