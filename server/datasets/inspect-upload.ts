import type { CsvOptions } from '../../formats/csv-options';
import type { UploadPreview } from '../../formats/upload-preview';
import type { UploadLimits } from './limits';
import { parseUpload } from './parse-upload';
import { buildPreview } from './upload-preview';

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
  /** CSV: the label column used (absent: none); IDX: absent. */
  labelColumn?: string;
  /** Text labels: class index → label (sorted). */
  labelNames?: string[];
  /** CSV: the feature columns, in order (what `npm run predict` expects of a new file). */
  featureColumns?: string[];
  /** The preview (first rows, column summary, classes, scatter or images), when asked for. */
  preview?: UploadPreview;
}

export interface InspectOptions {
  fileName?: string;
  labelsFileName?: string;
  limits?: Partial<UploadLimits>;
  csv?: CsvOptions;
  preview?: boolean;
}

/**
 * Parses an upload fully (every error surfaces at upload time, with line and column) and returns its
 * metadata. Throws DatasetError for a bad file.
 */
export async function inspectUpload(path: string, format: 'csv' | 'idx', labelColumn?: string, labelsPath?: string, options: InspectOptions = {}): Promise<UploadInfo> {
  const parsed = await parseUpload({ path, format, labelColumn, labelsPath, csv: options.csv, fileName: options.fileName, labelsFileName: options.labelsFileName }, options.limits);
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
  if (parsed.table) info.featureColumns = parsed.table.featureColumns;
  if (options.preview) info.preview = await buildPreview(parsed);
  return info;
}
