import { defaultCsvOptions, type CsvOptions } from '../../formats/csv-options';
import { DatasetError, type Dataset } from './dataset';
import { guessImageShape, NUMBER, readHeader } from './csv-header';
import { generatedNames, planColumns, type ColumnPlan } from './csv-columns';
import { clip, mapLabels } from './csv-labels';
import type { UploadLimits } from './limits';

const NOT_FINITE = /^[+-]?(nan|inf|infinity)$/i;

export interface ParsedCsv {
  dataset: Dataset;
  /** Header name of the label column and its 1-based position; null when the file has none (label: none). */
  labelColumn: string | null;
  labelColumnNumber: number | null;
  /** Header names of the feature columns, in order. */
  featureColumns: string[];
  /** Every column name (generated ones for a file without a header), and the ignored ones. */
  columns: string[];
  ignoredColumns: string[];
  /** Rows with a label (the rest are unlabelled, y = −1). */
  labelled: number;
  /** For text labels (or negative numbers): class index → original label, sorted. Absent for 0,1,2,… labels. */
  labelNames?: string[];
}

export interface CsvTableOptions {
  file: string;
  csv?: CsvOptions;
  name?: string;
  limits: UploadLimits;
  /** Called with every data row's cells as read (the preview keeps the first few). */
  onRow?: (cells: readonly string[], line: number) => void;
}

/**
 * Builds a data set from CSV records as they arrive (header first): features go straight into a growing
 * Float32Array, so memory stays proportional to the numbers kept, never to the text.
 */
export class CsvTable {
  private header: string[] | null = null;
  private plan: ColumnPlan = { labelIndex: -1, features: [], ignored: [] };
  private width = 0;
  private chunk = new Float32Array(0);
  private readonly labels: (string | null)[] = [];
  private readonly rowLine: number[] = [];
  private rows = 0;
  private readonly csv: CsvOptions;

  constructor(private readonly opts: CsvTableOptions) {
    this.csv = opts.csv ?? defaultCsvOptions;
  }

  /** One record (its cells and the 1-based line it starts on). Throws DatasetError on a bad one. */
  record(cells: string[], line: number): void {
    if (cells.length === 1 && cells[0]!.trim() === '') return; // blank line
    if (this.header === null) {
      this.start(cells);
      if (this.csv.header) return;
    }
    const header = this.header!;
    if (cells.length !== header.length) {
      const column = Math.min(cells.length, header.length) + 1;
      const what = this.csv.header ? 'the header has' : 'the first row has';
      throw new DatasetError(
        `has ${cells.length} field${cells.length === 1 ? '' : 's'} but ${what} ${header.length}. Every row needs one value per column (check for a missing or extra delimiter).`,
        { file: this.opts.file, line, column },
      );
    }
    this.checkSize(line);
    this.opts.onRow?.(cells, line);
    this.readRow(cells, line);
    this.rows++;
  }

  /** The column names (from the header line, or generated) and which column is what. */
  private start(cells: string[]): void {
    const { file, limits } = this.opts;
    const minColumns = this.csv.label.by === 'none' ? 1 : 2;
    this.header = this.csv.header ? readHeader(cells, file, limits, minColumns) : generatedNames(cells.length);
    if (this.header.length > limits.maxColumns + 1) {
      throw new DatasetError(`has ${this.header.length} columns; at most ${limits.maxColumns} feature columns are allowed.`, { file, line: 1 });
    }
    this.plan = planColumns(this.header, this.csv.label, this.csv.ignore, file);
    this.width = this.plan.features.length;
    this.chunk = new Float32Array(Math.min(1024, limits.maxRows) * this.width);
  }

  private readRow(cells: string[], line: number): void {
    const { file, limits } = this.opts;
    const header = this.header!;
    const { labelIndex, features } = this.plan;
    if (labelIndex >= 0) {
      const raw = cells[labelIndex]!.trim();
      if (raw.length > limits.maxLabelLength) {
        throw new DatasetError(`the label is ${raw.length} characters long; at most ${limits.maxLabelLength} are allowed.`, { file, line, column: labelIndex + 1, field: header[labelIndex] });
      }
      this.labels.push(raw === '' ? null : raw);
    } else this.labels.push(null);
    this.rowLine.push(line);
    let k = this.rows * this.width;
    for (const c of features) this.chunk[k++] = featureValue(cells[c]!.trim(), { file, line, column: c + 1, field: header[c] });
  }

  /** Row and cell limits, and room for one more row. */
  private checkSize(line: number): void {
    const { file, limits } = this.opts;
    if (this.rows >= limits.maxRows) {
      throw new DatasetError(`has more than ${limits.maxRows} data rows, the most an upload may have. Upload a subset.`, { file, line });
    }
    if ((this.rows + 1) * this.width > limits.maxCells) {
      throw new DatasetError(`more than ${limits.maxCells} feature values (${this.width} columns × ${this.rows + 1} rows) is too many. Upload fewer rows or columns.`, { file, line });
    }
    if ((this.rows + 1) * this.width > this.chunk.length) {
      const grown = new Float32Array(Math.min(Math.max(this.chunk.length * 2, this.width), limits.maxCells));
      grown.set(this.chunk);
      this.chunk = grown;
    }
  }

  /** The data set, once every record is in. */
  finish(): ParsedCsv {
    const { file, limits } = this.opts;
    if (this.header === null) {
      throw new DatasetError('is empty. Upload a CSV with a header line naming the columns and at least one data row.', { file });
    }
    const h = this.header;
    if (this.rows === 0) throw new DatasetError('has a header but no data rows. Add at least one row of values.', { file, line: 2 });
    const { labelIndex, features, ignored } = this.plan;
    const labelName = labelIndex >= 0 ? h[labelIndex]! : null;
    const { y, classes, labelNames, labelled } = mapLabels(this.labels, this.rowLine, labelName ?? '', labelIndex + 1, file, limits);
    const featureColumns = features.map((i) => h[i]!);
    const dataset: Dataset = {
      name: this.opts.name ?? file,
      x: this.chunk.slice(0, this.rows * this.width),
      y,
      n: this.rows,
      width: this.width,
      classes,
      imageShape: this.csv.header ? guessImageShape(featureColumns) : null,
    };
    if (labelNames) dataset.labelNames = labelNames;
    dataset.featureColumns = featureColumns;
    const result: ParsedCsv = {
      dataset,
      labelColumn: labelName,
      labelColumnNumber: labelIndex >= 0 ? labelIndex + 1 : null,
      featureColumns,
      columns: [...h],
      ignoredColumns: ignored.map((i) => h[i]!),
      labelled,
    };
    if (labelNames) result.labelNames = labelNames;
    return result;
  }
}

/** A feature cell as a finite float32, or a DatasetError saying what is wrong with it. */
function featureValue(raw: string, loc: { file: string; line: number; column: number; field?: string }): number {
  if (raw === '') {
    throw new DatasetError('the value is empty. Feature columns need a number in every row (missing values are not supported): fill it in, remove the row, or ignore the column.', loc);
  }
  if (NOT_FINITE.test(raw)) throw new DatasetError(`"${raw}" is not allowed: feature values must be finite numbers. Fill in a number or remove the row.`, loc);
  if (!NUMBER.test(raw)) {
    throw new DatasetError(
      `"${clip(raw)}" is not a number. Feature columns must hold numbers only (e.g. 3.5, -2, 1e-3); if this column is the label, choose it as the label column; if it is an id or text, ignore it.`,
      loc,
    );
  }
  const v = Number(raw);
  if (!Number.isFinite(v) || Math.abs(v) > 3.4e38) throw new DatasetError(`"${clip(raw)}" is too large for a 32-bit float (at most ±3.4e38).`, loc);
  return v;
}
