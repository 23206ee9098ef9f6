import { open } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { csvDelimiters, csvOptionsSchema } from '../formats/csv-options';
import type { ModelPreprocessing } from '../formats/model-preprocessing';
import { DatasetError } from '../server/datasets/dataset';
import { parseUpload } from '../server/datasets/parse-upload';

/** The header line's column names (first 64 KB read, parsed as CSV with the stored delimiter or a guess). */
async function headerNames(file: string, delimiter: string | null): Promise<string[]> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(65_536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    const parsed = Papa.parse<string[]>(text, { preview: 1, ...(delimiter ? { delimiter } : { delimitersToGuess: [',', ';', '\t'] }) });
    return (parsed.data[0] ?? []).map((c) => c.trim());
  } finally {
    await fh.close();
  }
}

/**
 * Reads a new CSV as the model's input: with the training file's options, its label column (if present) and every
 * column the model does not use left out, the features in the model's order. A missing column is refused by name.
 */
export async function readModelInput(file: string, prep: ModelPreprocessing): Promise<Float32Array> {
  const stored = prep.csv ?? csvOptionsSchema.parse({});
  const wanted = prep.featureColumns;
  const name = path.basename(file);
  if (!wanted || !stored.header) {
    const parsed = await parseUpload({ path: file, format: 'csv', fileName: name, csv: { ...stored, label: { by: 'none' }, ignore: stored.ignore } });
    if (parsed.dataset.width !== prep.width) throw new DatasetError(`has ${parsed.dataset.width} feature columns; the model takes ${prep.width}.`, { file: name });
    return parsed.dataset.x;
  }
  const header = await headerNames(file, csvDelimiters[stored.delimiter]);
  const missing = wanted.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new DatasetError(`lacks the column${missing.length > 1 ? 's' : ''} the model needs: ${missing.slice(0, 10).map((c) => `"${c}"`).join(', ')}.`, { file: name, line: 1 });
  const ignore = header.filter((c) => !wanted.includes(c));
  const parsed = await parseUpload({ path: file, format: 'csv', fileName: name, csv: { ...stored, label: { by: 'none' }, ignore } });
  const columns = parsed.table?.featureColumns ?? [];
  const order = wanted.map((c) => columns.indexOf(c));
  const n = parsed.dataset.n;
  const x = new Float32Array(n * wanted.length);
  for (let i = 0; i < n; i++) order.forEach((j, k) => (x[i * wanted.length + k] = parsed.dataset.x[i * parsed.dataset.width + j]!));
  return x;
}
