import { describe, expect, it } from 'vitest';
import { csvOptionsSchema, parseColumnList, parseLabelSpec, type CsvOptionsInput } from '../../formats/csv-options';
import { DatasetError } from './dataset';
import { createCsvParser, parseCsv } from './parse-csv';

const opts = (o: CsvOptionsInput) => csvOptionsSchema.parse(o);

function refusal(text: string, csv: CsvOptionsInput): DatasetError {
  try {
    parseCsv(text, { file: 'd.csv', csv: opts(csv) });
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return e as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

describe('CSV upload options', () => {
  it('header: false reads the first line as data, columns named column1…', () => {
    const p = parseCsv('1,2,0\n3,4,1\n', { file: 'd.csv', csv: opts({ header: false }) });
    expect(p.dataset.n).toBe(2);
    expect(p.columns).toEqual(['column1', 'column2', 'column3']);
    expect(p.labelColumn).toBe('column3');
    expect(Array.from(p.dataset.x)).toEqual([1, 2, 3, 4]);
    expect(Array.from(p.dataset.y)).toEqual([0, 1]);
    // With the default (a header), the same file is refused: its first line holds numbers.
    expect(refusal('1,2,0\n3,4,1\n', {}).message).toMatch(/line 1: the first line must name the columns/);
  });

  it('semicolons are detected, and an override wins over detection', () => {
    const p = parseCsv('a;b;label\n1.5;2;0\n3;4;1\n', { file: 'd.csv' });
    expect(p.columns).toEqual(['a', 'b', 'label']);
    // A European decimal comma is not a number: the message names line 2, column 1.
    expect(() => parseCsv('a;b;label\n1,5;2;0\n', { file: 'd.csv' })).toThrow(/line 2, column 1 \(a\): "1,5" is not a number/);
    // Header with more commas than semicolons: detection picks commas; the override reads semicolons.
    const text = 'x,1;x,2;label\n1;2;a\n3;4;b\n';
    expect(refusal(text, {}).message).toMatch(/line 2, column 2: has 1 field but the header has 3/);
    const q = parseCsv(text, { file: 'd.csv', csv: opts({ delimiter: 'semicolon' }) });
    expect(q.columns).toEqual(['x,1', 'x,2', 'label']);
    expect(q.labelNames).toEqual(['a', 'b']);
    expect(parseCsv('a\tb\tlabel\n1\t2\t0\n3\t4\t1\n', { file: 'd.csv', csv: opts({ delimiter: 'tab' }) }).dataset.width).toBe(2);
  });

  it('label none: every column is a feature, no row is labelled (the last column is not taken as the label)', () => {
    const text = 'x1,x2,x3\n0.1,0.2,0.3\n0.4,0.5,0.6\n';
    expect(refusal(text, {}).message).toMatch(/line 2, column 3 \(x3\): the label "0.3" is not a whole number.*"none"/);
    const p = parseCsv(text, { file: 'd.csv', csv: opts({ label: { by: 'none' } }) });
    expect(p.dataset.width).toBe(3);
    expect(p.dataset.classes).toBe(0);
    expect(p.labelled).toBe(0);
    expect(p.labelColumn).toBeNull();
    expect(Array.from(p.dataset.y)).toEqual([-1, -1]);
    // A one-column table is a data set too once it needs no label column.
    expect(parseCsv('x\n1\n2\n', { file: 'd.csv', csv: opts({ label: { by: 'none' } }) }).dataset.width).toBe(1);
  });

  it('label by name with string classes: sorted names become classes 0…k−1', () => {
    const p = parseCsv('species,len,wid\nsetosa,1,2\nvirginica,3,4\nversicolor,5,6\nsetosa,7,8\n', { file: 'd.csv', csv: opts({ label: { by: 'column', column: 'species' } }) });
    expect(p.labelNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(Array.from(p.dataset.y)).toEqual([0, 2, 1, 0]);
    expect(p.featureColumns).toEqual(['len', 'wid']);
    expect(refusal('a,b\n1,2\n', { label: { by: 'column', column: 'kind' } }).message).toMatch(/line 1, "kind": has no column named "kind" \(the label column\)/);
  });

  it('label by 1-based position', () => {
    const p = parseCsv('c,a,b\n1,5,6\n0,7,8\n', { file: 'd.csv', csv: opts({ label: { by: 'column', column: 1 } }) });
    expect(p.labelColumn).toBe('c');
    expect(Array.from(p.dataset.x)).toEqual([5, 6, 7, 8]);
    expect(refusal('a,b\n1,0\n', { label: { by: 'column', column: 5 } }).message).toMatch(/label column is column 5, but the file has 2 columns/);
  });

  it('ignored columns (by name or position) are left out, text in them is fine', () => {
    const text = 'id,when,x1,x2,label\nr1,2024-01-01,1,2,0\nr2,2024-01-02,3,4,1\n';
    expect(refusal(text, {}).message).toMatch(/line 2, column 1 \(id\): "r1" is not a number.*ignore it/);
    const p = parseCsv(text, { file: 'd.csv', csv: opts({ ignore: ['id', 2] }) });
    expect(p.featureColumns).toEqual(['x1', 'x2']);
    expect(p.ignoredColumns).toEqual(['id', 'when']);
    expect(Array.from(p.dataset.x)).toEqual([1, 2, 3, 4]);
    expect(refusal(text, { ignore: ['label'], label: { by: 'column', column: 'label' } }).message).toMatch(/both the label column and a column to ignore/);
    expect(refusal('a,b\n1,0\n', { ignore: ['a'] }).message).toMatch(/no feature column is left/);
  });

  it('quoted fields: delimiters, quotes and line breaks inside quotes', () => {
    const p = parseCsv('note,x,label\n"a, b",1,"cat"\n"say ""hi""\nthen go",2,dog\n"plain",3,cat\n', { file: 'd.csv', csv: opts({ ignore: ['note'] }) });
    expect(Array.from(p.dataset.x)).toEqual([1, 2, 3]);
    expect(p.labelNames).toEqual(['cat', 'dog']);
    // The record spanning lines 3–4 is followed by line 5: a bad cell there is reported at line 5.
    expect(() => parseCsv('note,x,label\n"a, b",1,cat\n"two\nlines",2,dog\nz,oops,cat\n', { file: 'd.csv', csv: opts({ ignore: ['note'] }) })).toThrow(/line 5, column 2 \(x\)/);
  });

  it.each([
    ['\\r\\n (Windows)', '\r\n'],
    ['\\r (old Mac)', '\r'],
    ['\\n (Unix)', '\n'],
  ])('%s line endings: rows read and line numbers right', (_name, eol) => {
    const text = ['a,b,label', '1,2,0', '3,4,1', '5,x,0'].join(eol) + eol;
    const e = refusal(text, {});
    expect(e.line).toBe(4);
    expect(e.column).toBe(2);
    const ok = parseCsv(['a,b,label', '1,2,0', '', '3,4,1'].join(eol), { file: 'd.csv' });
    expect(ok.dataset.n).toBe(2);
    expect(Array.from(ok.dataset.y)).toEqual([0, 1]);
  });

  it('a \\r\\n split between two pieces of the stream is one line break, not two', () => {
    const parser = createCsvParser({ file: 'd.csv' });
    for (const piece of ['a,b,label\r', '\n1,2,0\r', '\n3,4,1\r', '\n5,6,0\r', '\n']) parser.push(piece);
    expect(parser.end().dataset.n).toBe(3);
    // \r at a piece's end, then \r\n: a blank line 3 between, so the bad cell is on line 4.
    const bad = createCsvParser({ file: 'd.csv' });
    expect(() => {
      for (const piece of ['a,b,label\r', '\n1,2,0\r', '\r\n3,oops,1\r\n']) bad.push(piece);
    }).toThrow(/line 4, column 2/);
  });

  it('the short label and column syntax of forms and the CLI', () => {
    expect(parseLabelSpec('none')).toEqual({ by: 'none' });
    expect(parseLabelSpec('#2')).toEqual({ by: 'column', column: 2 });
    expect(parseLabelSpec('species')).toEqual({ by: 'column', column: 'species' });
    expect(parseLabelSpec('name:none')).toEqual({ by: 'column', column: 'none' });
    expect(parseColumnList('id, 3 ,#4, time')).toEqual(['id', 3, 4, 'time']);
  });
});
