import { DatasetError } from './dataset';
import type { UploadLimits } from './limits';

export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DEFAULT_LABEL_NAMES = ['label', 'class', 'y'];

/** The delimiter of the header line: comma, semicolon or tab, whichever occurs most (comma on a tie). */
export function guessDelimiter(first: string): string {
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

/** Column names: at least two, within the limits, not numbers, and no name twice (a column must be unambiguous). */
export function readHeader(cells: string[], file: string, limits: UploadLimits, minColumns = 2): string[] {
  const names = cells.map((c) => c.trim());
  if (names.length < minColumns) {
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
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    if (n.length > limits.maxLabelLength) {
      throw new DatasetError(`the column name is ${n.length} characters long; at most ${limits.maxLabelLength} are allowed.`, { file, line: 1, column: i + 1 });
    }
    const first = seen.get(n);
    if (first !== undefined) {
      throw new DatasetError(`the column name "${n}" is used twice (columns ${first + 1} and ${i + 1}). Give every column its own name.`, {
        file,
        line: 1,
        column: i + 1,
        field: n,
      });
    }
    seen.set(n, i);
  });
  return names;
}

/** The label column: the one asked for (exact, else case-insensitive), else the last label/class/y, else the last. */
export function findLabelColumn(header: string[], wanted: string | undefined, file: string): number {
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

/**
 * Pixel tables (Kaggle-style "pixel0 … pixel783", or "1x1 … 28x28") are square grey images: a CNN
 * extractor can then use them. Anything else is a plain feature vector.
 */
export function guessImageShape(features: string[]): [number, number, number] | null {
  const side = Math.round(Math.sqrt(features.length));
  if (side < 4 || side * side !== features.length) return null;
  return features.every((f) => /^(pixel|px|p)?_?\d+(x\d+)?$/i.test(f)) ? [side, side, 1] : null;
}
