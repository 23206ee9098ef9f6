import { describe, expect, it } from 'vitest';
import { parseClassAttributes } from './parse-class-attributes';
import { sevenSegmentAttributes } from './seven-segment';

describe('parseClassAttributes', () => {
  it('reads the seven-segment table: 10 classes × 7 attributes', () => {
    const result = parseClassAttributes(sevenSegmentAttributes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows).toHaveLength(10);
    expect(result.rows[8]).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(result.rows[1]).toEqual([0, 1, 1, 0, 0, 0, 0]);
  });
  it('names line and column of a cell that is not a number', () => {
    const result = parseClassAttributes('1,0\n0,x\n1,1');
    expect(result).toEqual({ ok: false, errors: [{ line: 2, column: 2, message: '"x" is not a number' }] });
  });
  it('reports ragged rows by line', () => {
    const result = parseClassAttributes('# comment\n1,0,1\n0,1');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ line: 3, column: null });
  });
  it('treats code-like text as data, not code', () => {
    const result = parseClassAttributes('1,2\nprocess.exit(1),3');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ line: 2, column: 1 });
  });
  it('rejects an empty table', () => {
    expect(parseClassAttributes('# only a comment\n').ok).toBe(false);
  });
});
