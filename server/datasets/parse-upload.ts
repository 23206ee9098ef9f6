import type { UploadFormat } from '../../formats/upload-preview';
import { basename } from 'node:path';
import type { CsvOptions } from '../../formats/csv-options';
import type { ImageOptions } from '../../formats/image-options';
import { parseImageZip } from './parse-image-zip';
import type { Dataset } from './dataset';
import { DatasetError } from './dataset';
import { withLimits, type UploadLimits } from './limits';
import { createCsvParser } from './parse-csv';
import { decodeIdx, idxToDataset } from './parse-idx';
import { checkStoredSize, readUpload } from './read-upload';
import { uploadText } from './upload-text';

/** An upload as the upload store hands it to the loader. */
export interface ResolvedUpload {
  path: string;
  format: UploadFormat;
  labelColumn?: string;
  /** CSV: header, delimiter, label column (or none), ignored columns. Wins over `labelColumn`. */
  csv?: CsvOptions;
  /** zip of images: size and colour. */
  image?: ImageOptions;
  /** IDX only: the labels file that goes with the images file at `path`. */
  labelsPath?: string;
  /** Name shown in messages (the user's file name); defaults to the stored file's base name. */
  fileName?: string;
  /** IDX only: the labels file's name as the user knows it. */
  labelsFileName?: string;
}

export interface ParsedUpload {
  dataset: Dataset;
  /** sha256 (hex) of the stored file, and of the labels file for IDX. */
  checksum: string;
  labelsChecksum?: string;
  /** CSV: the label column actually used. */
  labelColumn?: string;
  labelled: number;
  /** CSV: the columns as read, and the first data rows as text (for the preview). */
  table?: { columns: string[]; featureColumns: string[]; ignoredColumns: string[]; firstRows: string[][] };
}

/** Rows of text kept for a preview. */
export const PREVIEW_ROWS = 8;

/** Reads and parses an upload (CSV or IDX, plain or gzip), enforcing the upload limits. */
export async function parseUpload(upload: ResolvedUpload, limitOverrides?: Partial<UploadLimits>): Promise<ParsedUpload> {
  const limits = withLimits(limitOverrides);
  const file = upload.fileName ?? basename(upload.path);
  if (upload.format === 'csv') return parseCsvUpload(upload, limits, file);
  if (upload.format === 'model') throw new DatasetError('is a pre-trained model, not a data set: use it in a Pre-trained extractor node (source "uploaded model").', { file });
  if (upload.format === 'zip') {
    const { dataset, checksum } = await parseImageZip(upload.path, upload.image, limits, file);
    return { dataset, checksum, labelled: dataset.n };
  }
  if (upload.format !== 'idx') {
    throw new DatasetError(`unknown upload format "${String(upload.format)}"; use csv, idx, zip or model.`, { file });
  }
  const { bytes, checksum } = await readUpload(upload.path, limits, file);
  const images = decodeIdx(bytes, file, limits);
  let labels;
  let labelsChecksum: string | undefined;
  let labelsFile: string | undefined;
  if (upload.labelsPath !== undefined) {
    labelsFile = upload.labelsFileName ?? basename(upload.labelsPath);
    const read = await readUpload(upload.labelsPath, limits, labelsFile);
    labels = decodeIdx(read.bytes, labelsFile, limits);
    labelsChecksum = read.checksum;
  }
  const dataset = idxToDataset(images, labels, { name: file, imagesFile: file, labelsFile, limits });
  const labelled = dataset.y.reduce((a, v) => a + (v >= 0 ? 1 : 0), 0);
  const out: ParsedUpload = { dataset, checksum, labelled };
  if (labelsChecksum !== undefined) out.labelsChecksum = labelsChecksum;
  return out;
}

/** A CSV, streamed: decompressed, decoded and parsed piece by piece under the limits. */
async function parseCsvUpload(upload: ResolvedUpload, limits: UploadLimits, file: string): Promise<ParsedUpload> {
  await checkStoredSize(upload.path, limits, file);
  const { chunks, checksum } = await uploadText(upload.path, limits, file);
  const firstRows: string[][] = [];
  const onRow = (cells: readonly string[]) => {
    if (firstRows.length < PREVIEW_ROWS) firstRows.push(cells.map((c) => c.slice(0, 60)));
  };
  const parser = createCsvParser({ file, labelColumn: upload.labelColumn, csv: upload.csv, limits, name: file, onRow });
  for await (const text of chunks) parser.push(text);
  const parsed = parser.end();
  const table = { columns: parsed.columns, featureColumns: parsed.featureColumns, ignoredColumns: parsed.ignoredColumns, firstRows };
  const out: ParsedUpload = { dataset: parsed.dataset, checksum: checksum(), labelled: parsed.labelled, table };
  if (parsed.labelColumn !== null) out.labelColumn = parsed.labelColumn;
  return out;
}
