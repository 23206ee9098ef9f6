import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset';
import { withLimits } from './limits';
import { parseCsv } from './parse-csv';

function err(text: string, opts: { labelColumn?: string; limits?: ReturnType<typeof withLimits> } = {}): DatasetError {
  try {
    parseCsv(text, { file: 'data.csv', ...opts });
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return e as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

describe('parseCsv: valid files', () => {
  it('reads numeric features and integer labels, label column found by name', () => {
    const p = parseCsv('a,b,label\n1,2,0\n3.5,-4e-1,1\n', { file: 'data.csv' });
    expect(p.dataset.n).toBe(2);
    expect(p.dataset.width).toBe(2);
    expect(Array.from(p.dataset.x)).toEqual([1, 2, 3.5, Math.fround(-0.4)]);
    expect(Array.from(p.dataset.y)).toEqual([0, 1]);
    expect(p.dataset.classes).toBe(2);
    expect(p.labelColumn).toBe('label');
    expect(p.featureColumns).toEqual(['a', 'b']);
  });

  it('finds a label column named class/y anywhere, else uses the last column', () => {
    const p = parseCsv('Class,f1,f2\n1,0.1,0.2\n0,0.3,0.4\n', { file: 'data.csv' });
    expect(p.labelColumn).toBe('Class');
    expect(Array.from(p.dataset.x)).toEqual([0.1, 0.2, 0.3, 0.4].map(Math.fround));
    const q = parseCsv('f1,f2,kind\n1,2,0\n3,4,1\n', { file: 'data.csv' });
    expect(q.labelColumn).toBe('kind');
    expect(q.labelColumnNumber).toBe(3);
  });

  it('uses the label column it is told to (case-insensitive fallback)', () => {
    const p = parseCsv('target,f1,f2\n1,2,3\n0,4,5\n', { file: 'data.csv', labelColumn: 'TARGET' });
    expect(p.labelColumn).toBe('target');
    expect(Array.from(p.dataset.x)).toEqual([2, 3, 4, 5]);
  });

  it('maps text labels to classes in sorted order and reports the mapping', () => {
    const p = parseCsv('x,label\n1,spam\n2,ham\n3,spam\n4,eggs\n', { file: 'data.csv' });
    expect(p.labelNames).toEqual(['eggs', 'ham', 'spam']);
    expect(Array.from(p.dataset.y)).toEqual([2, 1, 2, 0]);
    expect(p.dataset.classes).toBe(3);
    expect(p.dataset.labelNames).toEqual(['eggs', 'ham', 'spam']);
  });

  it('maps ±1 labels numerically (−1 → 0, 1 → 1)', () => {
    const p = parseCsv('x,y\n1,1\n2,-1\n3,1\n', { file: 'data.csv' });
    expect(p.labelNames).toEqual(['-1', '1']);
    expect(Array.from(p.dataset.y)).toEqual([1, 0, 1]);
  });

  it('keeps class numbers as they are (a partly labelled target keeps its numbering)', () => {
    const p = parseCsv('x,label\n1,3\n2,\n3,7\n', { file: 'data.csv' });
    expect(Array.from(p.dataset.y)).toEqual([3, -1, 7]);
    expect(p.dataset.classes).toBe(8);
    expect(p.labelNames).toBeUndefined();
  });

  it('treats empty label cells as unlabelled rows, and an all-empty label column as an unlabelled domain', () => {
    const p = parseCsv('x,label\n1,0\n2,\n3,1\n4,  \n', { file: 'data.csv' });
    expect(Array.from(p.dataset.y)).toEqual([0, -1, 1, -1]);
    expect(p.labelled).toBe(2);
    const u = parseCsv('x1,x2,label\n1,2,\n3,4,\n', { file: 'data.csv' });
    expect(u.labelled).toBe(0);
    expect(u.dataset.classes).toBe(0);
    expect(Array.from(u.dataset.y)).toEqual([-1, -1]);
  });

  it('accepts semicolons, tabs, CRLF, a BOM, quoted cells and blank lines', () => {
    const p = parseCsv('\ufeffa;b;label\r\n1;2;0\r\n\r\n"3";4;1\r\n', { file: 'data.csv' });
    expect(p.dataset.n).toBe(2);
    expect(Array.from(p.dataset.x)).toEqual([1, 2, 3, 4]);
    const t = parseCsv('a\tb\tlabel\n1\t2\tx\n3\t4\tz\n', { file: 'data.csv' });
    expect(t.labelNames).toEqual(['x', 'z']);
  });

  it('recognises square pixel tables (pixel0 … pixelN) as grey images, other tables as plain features', () => {
    const pixels = Array.from({ length: 16 }, (_, i) => `pixel${i}`);
    const row = (l: number) => [l, ...new Array(16).fill(0)].join(',');
    const p = parseCsv(`label,${pixels.join(',')}\n${row(0)}\n${row(1)}\n`, { file: 'px.csv' });
    expect(p.dataset.imageShape).toEqual([4, 4, 1]);
    expect(p.dataset.width).toBe(16);
    const named = Array.from({ length: 16 }, (_, i) => `f${i}a`);
    expect(parseCsv(`label,${named.join(',')}\n${row(0)}\n${row(1)}\n`, { file: 'f.csv' }).dataset.imageShape).toBeNull();
    const nine = Array.from({ length: 9 }, (_, i) => `pixel${i}`);
    const row9 = (l: number) => [l, ...new Array(9).fill(0)].join(',');
    expect(parseCsv(`label,${nine.join(',')}\n${row9(0)}\n${row9(1)}\n`, { file: 'f.csv' }).dataset.imageShape).toBeNull();
  });

  it('reads many rows (past the initial buffer)', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},${i * 2},${i % 2}`);
    const p = parseCsv(`a,b,label\n${rows.join('\n')}\n`, { file: 'data.csv' });
    expect(p.dataset.n).toBe(3000);
    expect(p.dataset.x[2 * 2999 + 1]).toBe(5998);
  });
});

describe('parseCsv: errors name file, line, column and value', () => {
  it('text in a numeric column', () => {
    const e = err('a,b,label\n1,2,0\n3,abc,1\n');
    expect(e.file).toBe('data.csv');
    expect(e.line).toBe(3);
    expect(e.column).toBe(2);
    expect(e.field).toBe('b');
    expect(e.message).toBe('data.csv, line 3, column 2 (b): "abc" is not a number. Feature columns must hold numbers only (e.g. 3.5, -2, 1e-3); if this column is the label, choose it as the label column; if it is an id or text, ignore it.');
  });

  it('counts lines across blank lines, CRLF and quoted line breaks', () => {
    const e = err('a,b,label\r\n1,2,"x\ny"\r\n\r\n3,oops,1\r\n');
    expect(e.line).toBe(5);
    expect(e.column).toBe(2);
  });

  it('NaN and infinities', () => {
    for (const bad of ['NaN', 'nan', 'Inf', '-Infinity']) {
      const e = err(`a,b,label\n1,${bad},0\n`);
      expect(e.line).toBe(2);
      expect(e.column).toBe(2);
      expect(e.message).toContain(`"${bad}" is not allowed: feature values must be finite numbers`);
    }
    const big = err('a,label\n1e39,0\n');
    expect(big.message).toMatch(/too large for a 32-bit float/);
  });

  it('an empty feature cell', () => {
    const e = err('a,b,label\n1,,0\n');
    expect([e.line, e.column]).toEqual([2, 2]);
    expect(e.message).toMatch(/the value is empty/);
  });

  it('ragged rows: too few and too many fields', () => {
    const few = err('a,b,label\n1,2,0\n3,4\n');
    expect([few.line, few.column]).toEqual([3, 3]);
    expect(few.message).toMatch(/has 2 fields but the header has 3/);
    const many = err('a,b,label\n1,2,0,9\n');
    expect([many.line, many.column]).toEqual([2, 4]);
    expect(many.message).toMatch(/has 4 fields but the header has 3/);
  });

  it('a label column with one class only', () => {
    const e = err('a,label\n1,cat\n2,cat\n3,\n');
    expect(e.column).toBe(2);
    expect(e.field).toBe('label');
    expect(e.message).toMatch(/every labelled row has the same label "cat": a classifier needs at least two classes/);
    expect(err('a,label\n1,1\n2,1.0\n').message).toMatch(/same label/);
  });

  it('a fractional label (probably the wrong column) points at its line', () => {
    const e = err('a,b\n1,0.25\n2,0.5\n');
    expect([e.line, e.column, e.field]).toEqual([2, 2, 'b']);
    expect(e.message).toMatch(/the label "0.25" is not a whole number or a name/);
  });

  it('no rows, empty file, no header, one column, missing label column', () => {
    expect(err('a,b,label\n').message).toMatch(/has a header but no data rows/);
    expect(err('').message).toBe('data.csv: is empty. Upload a CSV with a header line naming the columns and at least one data row.');
    const h = err('1,2,0\n3,4,1\n');
    expect(h.line).toBe(1);
    expect(h.message).toMatch(/must name the columns/);
    expect(err('label\n1\n2\n').message).toMatch(/at least one feature column and a label column/);
    const m = err('a,b\n1,0\n', { labelColumn: 'species' });
    expect(m.field).toBe('species');
    expect(m.message).toMatch(/no column named "species".*"a", "b"/);
  });

  it('an unterminated quote', () => {
    const e = err('a,label\n1,0\n"2,1\n');
    expect(e.message).toMatch(/quoted field is never closed/);
    expect(e.line).toBe(3);
  });

  it('limits: rows, columns, cells, classes, label length', () => {
    const rows = err('a,label\n1,0\n2,1\n3,0\n', { limits: withLimits({ maxRows: 2 }) });
    expect(rows.line).toBe(4);
    expect(rows.message).toMatch(/more than 2 data rows/);
    expect(err('a,b,c,label\n1,2,3,0\n', { limits: withLimits({ maxColumns: 2 }) }).message).toMatch(/3 feature columns; at most 2/);
    expect(err('a,b,label\n1,2,0\n3,4,1\n', { limits: withLimits({ maxCells: 3 }) }).message).toMatch(/more than 3 feature values/);
    expect(err('a,label\n1,x\n2,y\n3,z\n', { limits: withLimits({ maxClasses: 2 }) }).message).toMatch(/3 different values; at most 2 classes/);
    const long = err(`a,label\n1,${'w'.repeat(20)}\n`, { limits: withLimits({ maxLabelLength: 10 }) });
    expect([long.line, long.column]).toEqual([2, 2]);
  });
});
