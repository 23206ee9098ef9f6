import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { duplicateHeaderCsv, giantLineCsv, nulCsv, writeGzipBomb } from '../testing/hostile-files';
import { DatasetError } from './dataset';
import { inspectUpload } from './inspect-upload';

const dir = mkdtempSync(join(tmpdir(), 'stepstone-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(p: Promise<unknown>): Promise<DatasetError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return e as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

describe('hostile uploads are refused while they stream (default limits)', () => {
  it('a gzip of 300 MB of newlines stops at the line limit, long before it is decompressed', async () => {
    const p = join(dir, 'newlines.csv.gz');
    await writeGzipBomb(p, 'a,label\n', '\n'.repeat(1 << 20), 300);
    const before = process.memoryUsage().rss;
    const e = await refusal(inspectUpload(p, 'csv'));
    expect(e.message).toMatch(/more than 200000 lines/);
    expect(e.line).toBe(200_001);
    // Nothing near the 300 MB was ever held.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('a gzip of valid rows is cut at the decompressed-size limit', async () => {
    const p = join(dir, 'rows.csv.gz');
    await writeGzipBomb(p, 'a,b,c,d,e,f,g,h,label\n', '1,2,3,4,5,6,7,8,0\n'.repeat(1 << 10), 20);
    const e = await refusal(inspectUpload(p, 'csv', undefined, undefined, { limits: { maxDecompressedBytes: 100_000 } }));
    expect(e.message).toMatch(/decompresses to more than 97\.7 KB/);
  });

  it('one giant line (compressed or not) is refused at the line-length limit, with its line number', async () => {
    const p = join(dir, 'line.csv.gz');
    await writeGzipBomb(p, '', '1'.repeat(1 << 20), 100);
    const e = await refusal(inspectUpload(p, 'csv'));
    expect(e.message).toMatch(/line is longer than 1048576 characters/);
    expect(e.line).toBe(1);
    const plain = join(dir, 'line.csv');
    writeFileSync(plain, giantLineCsv(5000));
    const q = await refusal(inspectUpload(plain, 'csv', undefined, undefined, { limits: { maxLineLength: 1000 } }));
    expect(q.line).toBe(2);
  });

  it('a NUL byte is refused with its line (nothing binary reaches the database)', async () => {
    const p = join(dir, 'nul.csv');
    writeFileSync(p, nulCsv);
    const e = await refusal(inspectUpload(p, 'csv'));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/NUL character/);
  });

  it('duplicate column names are refused, naming both columns', async () => {
    const p = join(dir, 'dup.csv');
    writeFileSync(p, duplicateHeaderCsv);
    const e = await refusal(inspectUpload(p, 'csv'));
    expect([e.line, e.column, e.field]).toEqual([1, 3, 'a']);
    expect(e.message).toMatch(/"a" is used twice \(columns 1 and 3\)/);
  });

  it('a parse that runs past its time limit is stopped', async () => {
    const p = join(dir, 'slow.csv.gz');
    await writeGzipBomb(p, 'a,label\n', '1,0\n'.repeat(1 << 16), 40);
    const e = await refusal(inspectUpload(p, 'csv', undefined, undefined, { limits: { maxParseMs: 1, maxRows: 10_000_000, maxLines: 10_000_000 } }));
    expect(e.message).toMatch(/took longer than 0 s to read/);
  });
});
