import type { ColumnRef, CsvLabel } from '../../formats/csv-options';
import { findLabelColumn } from './csv-header';
import { DatasetError } from './dataset';

/** Which cells of a record are the label (−1: none) and which are features, in order. */
export interface ColumnPlan {
  readonly labelIndex: number;
  readonly features: readonly number[];
  readonly ignored: readonly number[];
}

/** Names of a file without a header line: column1, column2, … */
export function generatedNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `column${i + 1}`);
}

/** A column reference (header name, exact then case-insensitive; or 1-based position) → its index. */
export function columnIndex(header: readonly string[], ref: ColumnRef, file: string, what: string): number {
  if (typeof ref === 'number') {
    if (ref > header.length) throw new DatasetError(`the ${what} is column ${ref}, but the file has ${header.length} columns.`, { file, line: 1 });
    return ref - 1;
  }
  let matches = header.flatMap((n, i) => (n === ref ? [i] : []));
  if (matches.length === 0) matches = header.flatMap((n, i) => (n.toLowerCase() === ref.toLowerCase() ? [i] : []));
  if (matches.length !== 1) {
    const cols = header.slice(0, 30).map((h) => `"${h}"`).join(', ');
    throw new DatasetError(`has no column named "${ref}" (the ${what}). Columns: ${cols}${header.length > 30 ? ', …' : ''}.`, { file, line: 1, field: ref });
  }
  return matches[0]!;
}

/** The label, ignored and feature columns from the header and the options; at least one feature must remain. */
export function planColumns(header: readonly string[], label: CsvLabel, ignore: readonly ColumnRef[], file: string): ColumnPlan {
  const ignored = [...new Set(ignore.map((r) => columnIndex(header, r, file, 'column to ignore')))].sort((a, b) => a - b);
  let labelIndex = -1;
  if (label.by === 'column') labelIndex = columnIndex(header, label.column, file, 'label column');
  else if (label.by === 'auto') labelIndex = findLabelColumn([...header], undefined, file);
  if (labelIndex >= 0 && ignored.includes(labelIndex)) {
    throw new DatasetError(`"${header[labelIndex]}" is both the label column and a column to ignore. Choose one.`, { file, line: 1, field: header[labelIndex] });
  }
  const features = header.flatMap((_, i) => (i === labelIndex || ignored.includes(i) ? [] : [i]));
  if (features.length === 0) {
    throw new DatasetError('no feature column is left once the label and the ignored columns are taken out.', { file, line: 1 });
  }
  return { labelIndex, features, ignored };
}
