import Papa from 'papaparse';

export interface AttributeTableError {
  /** 1-based line and column (column counts cells) in the text the user typed. */
  readonly line: number;
  readonly column: number | null;
  readonly message: string;
}

export type AttributeTableResult = { ok: true; rows: number[][] } | { ok: false; errors: AttributeTableError[] };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MAX_ERRORS = 20;

/**
 * Parses a class-attribute table (one row per class, comma/semicolon/tab separated numbers, '#' comments)
 * strictly as data: every cell must be a plain decimal number, every row the same length.
 */
export function parseClassAttributes(text: string): AttributeTableResult {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t'] });
  const errors: AttributeTableError[] = [];
  const rows: number[][] = [];
  let width: number | null = null;
  parsed.data.forEach((cells, index) => {
    const line = index + 1;
    const first = (cells[0] ?? '').trim();
    if (cells.every((c) => c.trim() === '') || first.startsWith('#')) return;
    const row: number[] = [];
    cells.forEach((raw, c) => {
      const cell = raw.trim();
      if (!NUMBER.test(cell)) errors.push({ line, column: c + 1, message: `"${cell.slice(0, 20)}" is not a number` });
      else row.push(Number(cell));
    });
    if (width === null) width = cells.length;
    else if (cells.length !== width) errors.push({ line, column: null, message: `has ${cells.length} values, the first row has ${width}` });
    rows.push(row);
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ line: 1, column: null, message: 'the table is empty: write one row of numbers per class' });
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, MAX_ERRORS) } : { ok: true, rows };
}
