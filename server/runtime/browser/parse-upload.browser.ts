/**
 * The browser's counterpart of datasets/parse-upload.ts (the worker bundle swaps it in for the loader): the same
 * parsers (createCsvParser, decodeIdx/idxToDataset) with the same limits and read options, fed from a Blob — the
 * stored file read from the server, or a file the visitor picked — instead of a file on disk. Image zips are decoded
 * on the server (sharp), which is not reproduced here: a visitor with access gets the server's parse of them
 * (datasets/dataset-file.ts); a picked zip is refused by name.
 */
import type { ParsedUpload, ResolvedUpload } from '../../datasets/parse-upload';
import { DatasetError } from '../../datasets/dataset';
import { decodeDataset, isDatasetFile } from '../../datasets/dataset-file';
import { withLimits, type UploadLimits } from '../../datasets/limits';
import { createCsvParser } from '../../datasets/parse-csv';
import { decodeIdx, idxToDataset } from '../../datasets/parse-idx';
import { blobBytes, blobText } from './read-blob';
import { uploadBlob } from './upload-blobs';

export type { ResolvedUpload };

/** What the loader uses of a parse (no checksum: a browser run stores nothing). */
type BrowserParsedUpload = Pick<ParsedUpload, 'dataset' | 'labelled'>;

export async function parseUpload(upload: ResolvedUpload, limitOverrides?: Partial<UploadLimits>): Promise<BrowserParsedUpload> {
  const limits = withLimits(limitOverrides);
  const file = upload.fileName ?? upload.path;
  if (upload.format === 'csv') {
    const parser = createCsvParser({ file, labelColumn: upload.labelColumn, csv: upload.csv, limits, name: file });
    for await (const text of blobText(uploadBlob(upload.path, file), limits, file)) parser.push(text);
    const parsed = parser.end();
    return { dataset: parsed.dataset, labelled: parsed.labelled };
  }
  if (upload.format === 'idx') return parseIdx(upload, limits, file);
  if (upload.format === 'zip') return parseZip(upload, limits, file);
  throw new DatasetError(`unknown upload format "${String(upload.format)}"; use csv, idx or zip.`, { file });
}

/** The server's parse of an image zip (stepstone.dataset); a raw zip (a picked file) cannot be decoded the same way. */
async function parseZip(upload: ResolvedUpload, limits: UploadLimits, file: string): Promise<BrowserParsedUpload> {
  const blob = uploadBlob(upload.path, file);
  if (!isDatasetFile(new Uint8Array(await blob.slice(0, 4).arrayBuffer()))) {
    throw new DatasetError('is a zip of images; they are decoded on the server (sharp), which a browser cannot reproduce from a picked file. Run this graph on the server, or in the editor with access.', { file });
  }
  // Within the limits before it is read whole: header and labels aside, 4 bytes per cell and per row.
  if (blob.size > 4 * (limits.maxCells + limits.maxRows) + 1_000_000) throw new DatasetError('is larger than any data set within the upload limits.', { file });
  const dataset = decodeDataset(new Uint8Array(await blob.arrayBuffer()), file, limits);
  return { dataset, labelled: dataset.y.reduce((a, v) => a + (v >= 0 ? 1 : 0), 0) };
}

async function parseIdx(upload: ResolvedUpload, limits: UploadLimits, file: string): Promise<BrowserParsedUpload> {
  const images = decodeIdx(await blobBytes(uploadBlob(upload.path, file), limits, file), file, limits);
  let labels;
  let labelsFile: string | undefined;
  if (upload.labelsPath !== undefined) {
    labelsFile = upload.labelsFileName ?? upload.labelsPath;
    labels = decodeIdx(await blobBytes(uploadBlob(upload.labelsPath, labelsFile), limits, labelsFile), labelsFile, limits);
  }
  const dataset = idxToDataset(images, labels, { name: file, imagesFile: file, labelsFile, limits });
  return { dataset, labelled: dataset.y.reduce((a, v) => a + (v >= 0 ? 1 : 0), 0) };
}
