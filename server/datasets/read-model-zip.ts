import { Unzip, type UnzipFile } from 'fflate';
import { DatasetError } from './dataset';
import { formatBytes, type UploadLimits } from './limits';
import { concatChunks, streamZip } from './stream-zip';

/** The files of a model upload by their path in the archive, and the archive's sha256. */
export interface ModelFiles {
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly checksum: string;
}

/** Archive entries the reader skips: folders, macOS metadata, dot files. */
function skipped(parts: string[], entry: string): boolean {
  return entry.endsWith('/') || parts.some((p) => p.startsWith('.') || p === '__MACOSX');
}

/** `a/b.bin` → its parts; absolute paths, drive letters, backslashes and `..` are refused. */
function entryParts(entry: string, file: string): string[] {
  const parts = entry.split('/').filter((p) => p !== '');
  if (entry.startsWith('/') || /^[A-Za-z]:/.test(entry) || entry.includes('\\') || parts.includes('..')) {
    throw new DatasetError(`the archive entry "${entry.slice(0, 80)}" points outside the archive; it is refused.`, { file });
  }
  return parts;
}

/** Byte counters checked on every inflated chunk: model.json's size, the other files' (weights), the total. */
function byteCounter(limits: UploadLimits, file: string) {
  let weights = 0;
  let total = 0;
  return (isJson: boolean, n: number, entrySize: number, name: string): DatasetError | null => {
    total += n;
    if (!isJson) weights += n;
    if (total > limits.maxDecompressedBytes) return new DatasetError(`decompresses to more than ${formatBytes(limits.maxDecompressedBytes)}; nothing was stored.`, { file });
    if (!isJson && weights > limits.maxModelWeightBytes) return new DatasetError(`its weight files add up to more than ${formatBytes(limits.maxModelWeightBytes)}; upload a smaller model.`, { file });
    if (isJson && entrySize > limits.maxModelJsonBytes) return new DatasetError(`${name} is larger than ${formatBytes(limits.maxModelJsonBytes)}; a model's topology is far smaller.`, { file });
    return null;
  };
}

/**
 * Reads a model upload (a zip of model.json and its weight files) as it streams from disk: the number of files,
 * model.json's size and the weight bytes are counted as they inflate, whatever the zip's headers claim, and the
 * read stops at the first limit. Paths leaving the archive are refused. Nothing is interpreted here.
 */
export async function readModelZip(path: string, limits: UploadLimits, file: string): Promise<ModelFiles> {
  const files = new Map<string, Uint8Array>();
  const count = byteCounter(limits, file);
  let entries = 0;
  let failure: unknown = null;
  const unzip = new Unzip((entry: UnzipFile) => {
    if (++entries > limits.maxModelFiles) throw new DatasetError(`has more than ${limits.maxModelFiles} files; a model is model.json plus its weight files.`, { file });
    const parts = entryParts(entry.name, file);
    const keep = !skipped(parts, entry.name);
    const isJson = /\.json$/i.test(entry.name);
    const chunks: Uint8Array[] = [];
    let size = 0;
    entry.ondata = (err, chunk, final) => {
      if (err) return void (failure ??= new DatasetError(`"${entry.name.slice(0, 80)}" cannot be decompressed (${err.message}).`, { file }));
      size += chunk.length;
      const over = count(isJson, chunk.length, size, entry.name.slice(0, 80));
      if (over) return void (failure ??= over);
      if (keep) chunks.push(chunk);
      if (final && keep) files.set(parts.join('/'), concatChunks(chunks));
    };
    entry.start();
  });
  const checksum = await streamZip(path, unzip, { file, maxParseMs: limits.maxParseMs, failure: () => failure });
  if (entries === 0) throw new DatasetError('is not a zip archive, or an empty one. Zip model.json with its weight (.bin) files.', { file });
  return { files, checksum };
}
