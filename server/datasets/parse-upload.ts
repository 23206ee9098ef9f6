import { basename } from 'node:path';
import type { Dataset } from './dataset';
import { DatasetError } from './dataset';
import { withLimits, type UploadLimits } from './limits';
import { parseCsv } from './parse-csv';
import { decodeIdx, idxToDataset } from './parse-idx';
import { readUpload } from './read-upload';

/** An upload as the upload store hands it to the loader. */
export interface ResolvedUpload {
  path: string;
  format: 'csv' | 'idx';
  labelColumn?: string;
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
}

/** Reads and parses an upload (CSV or IDX, plain or gzip), enforcing the upload limits. */
export async function parseUpload(upload: ResolvedUpload, limitOverrides?: Partial<UploadLimits>): Promise<ParsedUpload> {
  const limits = withLimits(limitOverrides);
  const file = upload.fileName ?? basename(upload.path);
  const { bytes, checksum } = await readUpload(upload.path, limits, file);
  if (upload.format === 'csv') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new DatasetError('is not UTF-8 text. Save the CSV as UTF-8 and upload it again.', { file });
    }
    const parsed = parseCsv(text, { file, labelColumn: upload.labelColumn, limits, name: file });
    return { dataset: parsed.dataset, checksum, labelColumn: parsed.labelColumn, labelled: parsed.labelled };
  }
  if (upload.format !== 'idx') {
    throw new DatasetError(`unknown upload format "${String(upload.format)}"; use csv or idx.`, { file });
  }
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
