import type { UploadLimits } from './limits';
import { parseUpload } from './parse-upload';

/** What the compiler needs to know about an upload, without loading it again. */
export interface UploadInfo {
  width: number;
  /** Number of classes (labels 0 … classes−1); 0 when nothing is labelled. */
  classes: number;
  /** Whether any row is labelled (false = an unlabelled domain, e.g. a target). */
  labelled: boolean;
  /** How many rows are labelled. */
  labelledRows: number;
  imageShape: [number, number, number] | null;
  rows: number;
  /** sha256 (hex) of the stored file. */
  checksum: string;
  /** CSV: the label column used; IDX: absent. */
  labelColumn?: string;
  /** Text labels: class index → label (sorted). */
  labelNames?: string[];
}

/**
 * Parses an upload fully (every error surfaces at upload time, with line and column) and returns its
 * metadata. Throws DatasetError for a bad file.
 */
export async function inspectUpload(
  path: string,
  format: 'csv' | 'idx',
  labelColumn?: string,
  labelsPath?: string,
  options: { fileName?: string; labelsFileName?: string; limits?: Partial<UploadLimits> } = {},
): Promise<UploadInfo> {
  const parsed = await parseUpload({ path, format, labelColumn, labelsPath, fileName: options.fileName, labelsFileName: options.labelsFileName }, options.limits);
  const d = parsed.dataset;
  const info: UploadInfo = {
    width: d.width,
    classes: d.classes,
    labelled: parsed.labelled > 0,
    labelledRows: parsed.labelled,
    imageShape: d.imageShape,
    rows: d.n,
    checksum: parsed.checksum,
  };
  if (parsed.labelColumn !== undefined) info.labelColumn = parsed.labelColumn;
  if (d.labelNames) info.labelNames = d.labelNames;
  return info;
}
