import type { UploadFormat } from '../../formats/upload-preview';
import type { CsvOptions } from '../../formats/csv-options';
import type { ImageOptions } from '../../formats/image-options';
import type { UploadSummary } from '../../formats/upload-preview';
import { withLimits, type UploadLimits } from './limits';
import { basename } from 'node:path';
import { parseUpload } from './parse-upload';
import { buildPreview } from './upload-preview';

/** What parsing an upload tells (one shape for the server and the upload dialog). */
export type UploadInfo = UploadSummary;

export interface InspectOptions {
  fileName?: string;
  labelsFileName?: string;
  limits?: Partial<UploadLimits>;
  csv?: CsvOptions;
  image?: ImageOptions;
  preview?: boolean;
}

/**
 * Parses an upload fully (every error surfaces at upload time, with line and column) and returns its
 * metadata. Throws DatasetError for a bad file.
 */
export async function inspectUpload(path: string, format: UploadFormat, labelColumn?: string, labelsPath?: string, options: InspectOptions = {}): Promise<UploadInfo> {
  if (format === 'model') return inspectModel(path, options);
  const parsed = await parseUpload({ path, format, labelColumn, labelsPath, csv: options.csv, image: options.image, fileName: options.fileName, labelsFileName: options.labelsFileName }, options.limits);
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

/** A model upload: no rows or classes; its input shape, layers and size. */
async function inspectModel(path: string, options: InspectOptions): Promise<UploadInfo> {
  // TF.js loads only for a model upload (as for a PCA preview): CSV parsing stays light.
  const { inspectModelUpload } = await import('./uploaded-model');
  const { summary, checksum } = await inspectModelUpload(path, withLimits(options.limits), options.fileName ?? basename(path));
  const shape = summary.inputShape;
  const imageShape = shape.length === 3 ? (shape as [number, number, number]) : null;
  const width = shape.reduce((a, d) => a * d, 1);
  return { width, classes: 0, labelled: false, labelledRows: 0, imageShape, rows: 0, checksum, model: summary };
}
