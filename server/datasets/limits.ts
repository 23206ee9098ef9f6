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
}

export const uploadLimits: UploadLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxDecompressedBytes: 256 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 4096,
  maxCells: 20_000_000,
  maxClasses: 1000,
  maxLabelLength: 200,
};

export function withLimits(overrides?: Partial<UploadLimits>): UploadLimits {
  return { ...uploadLimits, ...overrides };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
