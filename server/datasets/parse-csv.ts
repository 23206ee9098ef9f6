import Papa from 'papaparse';
import { DatasetError, type Dataset } from './dataset';
import { uploadLimits, type UploadLimits } from './limits';

export interface ParseCsvOptions {
  /** File name used in messages. */
  file: string;
  /** The label column's header name; default: the last column named label/class/y, else the last column. */
  labelColumn?: string;
  /** Data set name (defaults to the file name). */
  name?: string;
  limits?: UploadLimits;
}

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

const DEFAULT_LABEL_NAMES = ['label', 'class', 'y'];
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(nan|inf|infinity)$/i;
const CLASS_INDEX = /^\+?\d+(\.0*)?$/;
const INTEGER = /^[+-]?\d+$/;

/**
 * Parses an uploaded CSV: a header line naming the columns, numeric feature columns and one label
 * column. Empty label cells mark unlabelled rows. Every error names the file, the 1-based line and
 * column, and the offending value.
 */
export function parseCsv(input: string, opts: ParseCsvOptions): ParsedCsv {
  const limits = opts.limits ?? uploadLimits;
  const file = opts.file;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  /** 1-based line of a character offset. */
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };

  let header: string[] | null = null;
  let labelIndex = -1;
  let width = 0;
  let chunk = new Float32Array(0);
  const labels: (string | null)[] = [];
  const rowLine: number[] = [];
  let failure: DatasetError | null = null;
  let rowStart = 0;
  let parsedRows = 0;

  const fail = (e: DatasetError, parser: Papa.Parser): void => {
    failure = e;
    parser.abort();
  };

  Papa.parse<string[]>(text, {
    delimiter: guessDelimiter(text),
    skipEmptyLines: false,
    step: (result, parser) => {
      if (failure) return;
      const line = lineAt(rowStart);
      const end = result.meta.cursor;
      rowStart = end;
      // The row's end sits on its line break (\r\n or \n); the next row starts after it.
      if (text[rowStart] === '\r') rowStart++;
      if (text[rowStart] === '\n') rowStart++;
      const cells = result.data;
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        fail(new DatasetError('a quoted field is never closed (a " without its closing "). Remove the stray quote.', { file, line }), parser);
        return;
      }
      if (cells.length === 1 && cells[0]!.trim() === '') return; // blank line
      if (header === null) {
        try {
          header = readHeader(cells, file, limits);
          labelIndex = findLabelColumn(header, opts.labelColumn, file);
          width = header.length - 1;
          chunk = new Float32Array(Math.min(1024, limits.maxRows) * width);
        } catch (e) {
          fail(e as DatasetError, parser);
        }
        return;
      }
      if (cells.length !== header.length) {
        const column = Math.min(cells.length, header.length) + 1;
        fail(new DatasetError(
          `has ${cells.length} field${cells.length === 1 ? '' : 's'} but the header has ${header.length}. Every row needs one value per column (check for a missing or extra delimiter).`,
          { file, line, column },
        ), parser);
        return;
      }
      if (parsedRows >= limits.maxRows) {
        fail(new DatasetError(`has more than ${limits.maxRows} data rows, the most an upload may have. Upload a subset.`, { file, line }), parser);
        return;
      }
      if ((parsedRows + 1) * width > limits.maxCells) {
        fail(new DatasetError(`more than ${limits.maxCells} feature values (${width} columns × ${parsedRows + 1} rows) is too many. Upload fewer rows or columns.`, { file, line }), parser);
        return;
      }
      if ((parsedRows + 1) * width > chunk.length) {
        const grown = new Float32Array(Math.max(chunk.length * 2, width));
        grown.set(chunk);
        chunk = grown;
      }
      let k = parsedRows * width;
      for (let c = 0; c < cells.length; c++) {
        const raw = cells[c]!.trim();
        if (c === labelIndex) {
          if (raw.length > limits.maxLabelLength) {
            fail(new DatasetError(`the label is ${raw.length} characters long; at most ${limits.maxLabelLength} are allowed.`, { file, line, column: c + 1, field: header[c] }), parser);
            return;
          }
          labels.push(raw === '' ? null : raw);
          rowLine.push(line);
          continue;
        }
        const loc = { file, line, column: c + 1, field: header[c] };
        if (raw === '') {
          fail(new DatasetError('the value is empty. Feature columns need a number in every row (missing values are not supported): fill it in or remove the row.', loc), parser);
          return;
        }
        if (NOT_FINITE.test(raw)) {
          fail(new DatasetError(`"${raw}" is not allowed: feature values must be finite numbers. Fill in a number or remove the row.`, loc), parser);
          return;
        }
        if (!NUMBER.test(raw)) {
          fail(new DatasetError(`"${clip(raw)}" is not a number. Feature columns must hold numbers only (e.g. 3.5, -2, 1e-3); if this column is the label, name it in the label column setting.`, loc), parser);
          return;
        }
        const v = Number(raw);
        if (!Number.isFinite(v) || Math.abs(v) > 3.4e38) {
          fail(new DatasetError(`"${clip(raw)}" is too large for a 32-bit float (at most ±3.4e38).`, loc), parser);
          return;
        }
        chunk[k++] = v;
      }
      parsedRows++;
    },
  });

  if (failure) throw failure;
  if (header === null) {
    throw new DatasetError('is empty. Upload a CSV with a header line naming the columns and at least one data row.', { file });
  }
  const h: string[] = header;
  if (parsedRows === 0) {
    throw new DatasetError('has a header but no data rows. Add at least one row of values.', { file, line: 2 });
  }
  const { y, classes, labelNames, labelled } = mapLabels(labels, rowLine, h[labelIndex]!, labelIndex + 1, file, limits);
  const dataset: Dataset = {
    name: opts.name ?? file,
    x: chunk.slice(0, parsedRows * width),
    y,
    n: parsedRows,
    width,
    classes,
    imageShape: guessImageShape(h.filter((_, i) => i !== labelIndex)),
  };
  if (labelNames) dataset.labelNames = labelNames;
  const result: ParsedCsv = {
    dataset,
    labelColumn: h[labelIndex]!,
    labelColumnNumber: labelIndex + 1,
    featureColumns: h.filter((_, i) => i !== labelIndex),
    labelled,
  };
  if (labelNames) result.labelNames = labelNames;
  return result;
}

/**
 * Pixel tables (Kaggle-style "pixel0 … pixel783", or "1x1 … 28x28") are square grey images: a CNN
 * extractor can then use them. Anything else is a plain feature vector.
 */
function guessImageShape(features: string[]): [number, number, number] | null {
  const side = Math.round(Math.sqrt(features.length));
  if (side < 4 || side * side !== features.length) return null;
  return features.every((f) => /^(pixel|px|p)?_?\d+(x\d+)?$/i.test(f)) ? [side, side, 1] : null;
}

/** The delimiter of the header line: comma, semicolon or tab, whichever occurs most (comma on a tie). */
function guessDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = end === -1 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = first.split(',').length - 1;
  for (const d of [';', '\t']) {
    const count = first.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function readHeader(cells: string[], file: string, limits: UploadLimits): string[] {
  const names = cells.map((c) => c.trim());
  if (names.length < 2) {
    throw new DatasetError(
      `the header names ${names.length} column; a data set needs at least one feature column and a label column (separated by commas, semicolons or tabs).`,
      { file, line: 1 },
    );
  }
  if (names.length - 1 > limits.maxColumns) {
    throw new DatasetError(`has ${names.length - 1} feature columns; at most ${limits.maxColumns} are allowed.`, { file, line: 1 });
  }
  if (names.every((n) => NUMBER.test(n))) {
    throw new DatasetError('the first line must name the columns (e.g. x1,x2,label), but it holds numbers. Add a header line.', { file, line: 1 });
  }
  names.forEach((n, i) => {
    if (n.length > limits.maxLabelLength) {
      throw new DatasetError(`the column name is ${n.length} characters long; at most ${limits.maxLabelLength} are allowed.`, { file, line: 1, column: i + 1 });
    }
  });
  return names;
}

function findLabelColumn(header: string[], wanted: string | undefined, file: string): number {
  if (wanted !== undefined && wanted.trim() !== '') {
    const w = wanted.trim();
    let matches = header.flatMap((n, i) => (n === w ? [i] : []));
    if (matches.length === 0) matches = header.flatMap((n, i) => (n.toLowerCase() === w.toLowerCase() ? [i] : []));
    if (matches.length === 0) {
      throw new DatasetError(`has no column named "${w}" to use as the label. Columns: ${header.map((h) => `"${h}"`).join(', ')}.`, { file, line: 1, field: w });
    }
    if (matches.length > 1) {
      throw new DatasetError(`has ${matches.length} columns named "${w}" (columns ${matches.map((i) => i + 1).join(', ')}); rename one so the label column is unambiguous.`, { file, line: 1, field: w });
    }
    return matches[0]!;
  }
  for (let i = header.length - 1; i >= 0; i--) {
    if (DEFAULT_LABEL_NAMES.includes(header[i]!.toLowerCase())) return i;
  }
  return header.length - 1;
}

function mapLabels(
  labels: (string | null)[],
  rowLine: number[],
  column: string,
  columnNumber: number,
  file: string,
  limits: UploadLimits,
): { y: Int32Array; classes: number; labelNames?: string[]; labelled: number } {
  const n = labels.length;
  const y = new Int32Array(n).fill(-1);
  const distinct = new Set<string>();
  for (const l of labels) if (l !== null) distinct.add(l);
  const labelled = labels.reduce((a, l) => a + (l === null ? 0 : 1), 0);
  if (labelled === 0) return { y, classes: 0, labelled };
  const loc = { file, column: columnNumber, field: column };
  // A fractional number is not a class: most likely the wrong column was taken as the label.
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l != null && NUMBER.test(l) && !CLASS_INDEX.test(l) && !INTEGER.test(l)) {
      throw new DatasetError(
        `the label "${clip(l)}" is not a whole number or a name. If "${column}" is not the label column, choose the right one in the domain node (or name it label, class or y).`,
        { ...loc, line: rowLine[i] },
      );
    }
  }
  if (distinct.size > limits.maxClasses) {
    throw new DatasetError(
      `the label column "${column}" has ${distinct.size} different values; at most ${limits.maxClasses} classes are allowed. Is it the right column?`,
      loc,
    );
  }
  const oneClass = (name: string): DatasetError =>
    new DatasetError(
      `every labelled row has the same label "${clip(name)}": a classifier needs at least two classes. Leave label cells empty for unlabelled rows.`,
      loc,
    );
  const all = [...distinct];
  if (all.every((l) => CLASS_INDEX.test(l))) {
    // 0, 1, 2, … are class indices already: keep them, so a partly labelled domain keeps its numbering.
    let classes = 0;
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      if (l == null) continue;
      const v = Math.round(Number(l));
      if (v >= limits.maxClasses) {
        throw new DatasetError(`the label ${v} is too large: class numbers go up to ${limits.maxClasses - 1}.`, { ...loc, line: rowLine[i] });
      }
      y[i] = v;
      if (v + 1 > classes) classes = v + 1;
    }
    if (new Set(all.map((l) => Math.round(Number(l)))).size === 1) throw oneClass(all[0]!);
    return { y, classes, labelled };
  }
  if (all.length === 1) throw oneClass(all[0]!);
  const numeric = all.every((l) => INTEGER.test(l));
  const sorted = numeric ? all.sort((a, b) => Number(a) - Number(b)) : all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(sorted.map((l, i) => [l, i]));
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l != null) y[i] = index.get(l)!;
  }
  return { y, classes: sorted.length, labelNames: sorted, labelled };
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
