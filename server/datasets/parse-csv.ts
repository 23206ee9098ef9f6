import { csvDelimiters, defaultCsvOptions, type CsvOptions } from '../../formats/csv-options';
import { CsvRecordReader } from './csv-records';
import { CsvTable, type ParsedCsv } from './csv-table';
import { uploadLimits, type UploadLimits } from './limits';

export type { ParsedCsv } from './csv-table';

export interface ParseCsvOptions {
  /** File name used in messages. */
  file: string;
  /** Header, delimiter, label column (or none) and ignored columns; defaults: formats/csv-options.ts. */
  csv?: CsvOptions;
  /** Shorthand for `csv.label = { by: 'column', column: labelColumn }` (older callers and stored uploads). */
  labelColumn?: string;
  /** Data set name (defaults to the file name). */
  name?: string;
  limits?: UploadLimits;
  onRow?: (cells: readonly string[], line: number) => void;
}

/** The options with a legacy `labelColumn` folded in. */
export function effectiveCsvOptions(opts: Pick<ParseCsvOptions, 'csv' | 'labelColumn'>): CsvOptions {
  const csv = opts.csv ?? defaultCsvOptions;
  if (opts.labelColumn === undefined || opts.labelColumn.trim() === '' || opts.csv) return csv;
  return { ...csv, label: { by: 'column', column: opts.labelColumn.trim() } };
}

/** A CSV parser fed text in pieces (as it streams in); `end()` returns the data set. */
export function createCsvParser(opts: ParseCsvOptions): { push(text: string): void; end(): ParsedCsv } {
  const limits = opts.limits ?? uploadLimits;
  const csv = effectiveCsvOptions(opts);
  const table = new CsvTable({ file: opts.file, csv, name: opts.name, limits, onRow: opts.onRow });
  const delimiter = csvDelimiters[csv.delimiter] ?? undefined;
  const reader = new CsvRecordReader((cells, line) => table.record(cells, line), { file: opts.file, limits, delimiter });
  return {
    push: (text) => reader.push(text),
    end: () => {
      reader.end();
      return table.finish();
    },
  };
}

/**
 * Parses an uploaded CSV: by default a header line naming the columns (each once), numeric feature columns
 * and one label column; `csv` changes each of these. Empty label cells mark unlabelled rows. Every error
 * names the file, the 1-based line and column, and the offending value.
 */
export function parseCsv(input: string, opts: ParseCsvOptions): ParsedCsv {
  const parser = createCsvParser(opts);
  parser.push(input);
  return parser.end();
}
