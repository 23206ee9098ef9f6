import { DatasetError, type Dataset } from './dataset';
import { findLabelColumn, guessImageShape, NUMBER, readHeader } from './csv-header';
import { clip, mapLabels } from './csv-labels';
import type { UploadLimits } from './limits';

const NOT_FINITE = /^[+-]?(nan|inf|infinity)$/i;

export interface ParsedCsv {
  dataset: Dataset;
  /** Header name of the label column, and its 1-based position. */
  labelColumn: string;
  labelColumnNumber: number;
  /** Header names of the feature columns, in order. */
  featureColumns: string[];
  /** Rows with a label (the rest are unlabelled, y = −1). */
  labelled: number;
  /** For text labels (or negative numbers): class index → original label, sorted. Absent for 0,1,2,… labels. */
  labelNames?: string[];
}

export interface CsvTableOptions {
  file: string;
  labelColumn?: string;
  name?: string;
  limits: UploadLimits;
}

/**
 * Builds a data set from CSV records as they arrive (header first): features go straight into a growing
 * Float32Array, so memory stays proportional to the numbers kept, never to the text.
 */
export class CsvTable {
  private header: string[] | null = null;
  private labelIndex = -1;
  private width = 0;
  private chunk = new Float32Array(0);
  private readonly labels: (string | null)[] = [];
  private readonly rowLine: number[] = [];
  private rows = 0;

  constructor(private readonly opts: CsvTableOptions) {}

  /** One record (its cells and the 1-based line it starts on). Throws DatasetError on a bad one. */
  record(cells: string[], line: number): void {
    const { file, limits } = this.opts;
    if (cells.length === 1 && cells[0]!.trim() === '') return; // blank line
    if (this.header === null) {
      this.header = readHeader(cells, file, limits);
      this.labelIndex = findLabelColumn(this.header, this.opts.labelColumn, file);
      this.width = this.header.length - 1;
      this.chunk = new Float32Array(Math.min(1024, limits.maxRows) * this.width);
      return;
    }
    const header = this.header;
    if (cells.length !== header.length) {
      const column = Math.min(cells.length, header.length) + 1;
      throw new DatasetError(
        `has ${cells.length} field${cells.length === 1 ? '' : 's'} but the header has ${header.length}. Every row needs one value per column (check for a missing or extra delimiter).`,
        { file, line, column },
      );
    }
    this.checkSize(line);
    let k = this.rows * this.width;
    for (let c = 0; c < cells.length; c++) {
      const raw = cells[c]!.trim();
      if (c === this.labelIndex) {
        if (raw.length > limits.maxLabelLength) {
          throw new DatasetError(`the label is ${raw.length} characters long; at most ${limits.maxLabelLength} are allowed.`, { file, line, column: c + 1, field: header[c] });
        }
        this.labels.push(raw === '' ? null : raw);
        this.rowLine.push(line);
        continue;
      }
      this.chunk[k++] = featureValue(raw, { file, line, column: c + 1, field: header[c] });
    }
    this.rows++;
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
    const { y, classes, labelNames, labelled } = mapLabels(this.labels, this.rowLine, h[this.labelIndex]!, this.labelIndex + 1, file, limits);
    const featureColumns = h.filter((_, i) => i !== this.labelIndex);
    const dataset: Dataset = {
      name: this.opts.name ?? file,
      x: this.chunk.slice(0, this.rows * this.width),
      y,
      n: this.rows,
      width: this.width,
      classes,
      imageShape: guessImageShape(featureColumns),
    };
    if (labelNames) dataset.labelNames = labelNames;
    const result: ParsedCsv = { dataset, labelColumn: h[this.labelIndex]!, labelColumnNumber: this.labelIndex + 1, featureColumns, labelled };
    if (labelNames) result.labelNames = labelNames;
    return result;
  }
}

/** A feature cell as a finite float32, or a DatasetError saying what is wrong with it. */
function featureValue(raw: string, loc: { file: string; line: number; column: number; field?: string }): number {
  if (raw === '') {
    throw new DatasetError('the value is empty. Feature columns need a number in every row (missing values are not supported): fill it in or remove the row.', loc);
  }
  if (NOT_FINITE.test(raw)) throw new DatasetError(`"${raw}" is not allowed: feature values must be finite numbers. Fill in a number or remove the row.`, loc);
  if (!NUMBER.test(raw)) {
    throw new DatasetError(`"${clip(raw)}" is not a number. Feature columns must hold numbers only (e.g. 3.5, -2, 1e-3); if this column is the label, name it in the label column setting.`, loc);
  }
  const v = Number(raw);
  if (!Number.isFinite(v) || Math.abs(v) > 3.4e38) throw new DatasetError(`"${clip(raw)}" is too large for a 32-bit float (at most ±3.4e38).`, loc);
  return v;
}
