/** Bounds on uploaded data files: uploads are untrusted and training runs on a small machine. */
export interface UploadLimits {
  /** Size of the file as uploaded (possibly gzip-compressed). */
  maxBytes: number;
  /** Size after gzip decompression (guards against zip bombs). */
  maxDecompressedBytes: number;
  maxRows: number;
  /** Feature columns (CSV) or values per sample (IDX). */
  maxColumns: number;
  /** rows × columns: the loaded Float32 matrix is 4 bytes per cell. */
  maxCells: number;
  maxClasses: number;
  /** Longest label or header text. */
  maxLabelLength: number;
  /** Longest line (CSV record) in characters, enforced while the text streams in. */
  maxLineLength: number;
  /** Lines in a CSV, blank ones included (a file of newlines is refused long before memory runs out). */
  maxLines: number;
  /** Wall time for reading and parsing one upload; the parsing process is killed past it. */
  maxParseMs: number;
  /** Heap of the process that parses an upload (MB): a parser bug or a hostile file cannot grow past it. */
  parserHeapMb: number;
  /** Image zips: files in the archive, and pixels of any one image (width × height, checked before decoding). */
  maxZipEntries: number;
  maxImagePixels: number;
  /** Pre-trained model uploads (a zip of model.json + weight files): files in it, model.json's size, weight bytes. */
  maxModelFiles: number;
  maxModelJsonBytes: number;
  maxModelWeightBytes: number;
}

export const uploadLimits: UploadLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxDecompressedBytes: 256 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 4096,
  maxCells: 20_000_000,
  maxClasses: 1000,
  maxLabelLength: 200,
  // The widest legal row (4,096 columns of long numbers) fits easily; a "line" of hundreds of MB does not.
  maxLineLength: 1024 * 1024,
  maxLines: 200_000,
  maxParseMs: 60_000,
  parserHeapMb: 1024,
  maxZipEntries: 20_000,
  maxImagePixels: 4096 * 4096,
  // MobileNet v1 1.0 is 17 MB of weights in 5 shards; Teachable Machine's exports are smaller.
  maxModelFiles: 256,
  maxModelJsonBytes: 8 * 1024 * 1024,
  maxModelWeightBytes: 128 * 1024 * 1024,
};

export function withLimits(overrides?: Partial<UploadLimits>): UploadLimits {
  return { ...uploadLimits, ...overrides };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
