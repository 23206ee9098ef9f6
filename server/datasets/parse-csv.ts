import { CsvRecordReader } from './csv-records';
import { CsvTable, type ParsedCsv } from './csv-table';
import { uploadLimits, type UploadLimits } from './limits';

export type { ParsedCsv } from './csv-table';

export interface ParseCsvOptions {
  /** File name used in messages. */
  file: string;
  /** The label column's header name; default: the last column named label/class/y, else the last column. */
  labelColumn?: string;
  /** Data set name (defaults to the file name). */
  name?: string;
  limits?: UploadLimits;
}

/** A CSV parser fed text in pieces (as it streams in); `end()` returns the data set. */
export function createCsvParser(opts: ParseCsvOptions): { push(text: string): void; end(): ParsedCsv } {
  const limits = opts.limits ?? uploadLimits;
  const table = new CsvTable({ file: opts.file, labelColumn: opts.labelColumn, name: opts.name, limits });
  const reader = new CsvRecordReader((cells, line) => table.record(cells, line), { file: opts.file, limits });
  return {
    push: (text) => reader.push(text),
    end: () => {
      reader.end();
      return table.finish();
    },
  };
}

/**
 * Parses an uploaded CSV: a header line naming the columns (each once), numeric feature columns and
 * one label column. Empty label cells mark unlabelled rows. Every error names the file, the 1-based
 * line and column, and the offending value.
 */
export function parseCsv(input: string, opts: ParseCsvOptions): ParsedCsv {
  const parser = createCsvParser(opts);
  parser.push(input);
  return parser.end();
}
