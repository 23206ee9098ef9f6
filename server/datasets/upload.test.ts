import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { inspectUpload } from './inspect-upload';
import { loadDataset } from './load-dataset';

const dir = mkdtempSync(join(tmpdir(), 'stepstone-upload-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

function idxUbyte(dims: number[], values: number[]): Uint8Array {
  const buf = new Uint8Array(4 + 4 * dims.length + values.length);
  const v = new DataView(buf.buffer);
  buf[2] = 0x08;
  buf[3] = dims.length;
  dims.forEach((d, i) => v.setUint32(4 + 4 * i, d));
  buf.set(values, 4 + 4 * dims.length);
  return buf;
}

describe('uploads: inspectUpload and loadDataset', () => {
  it('inspects a CSV: width, classes, labelled count, checksum, label names', async () => {
    const text = 'f1,f2,label\n1,2,cat\n3,4,dog\n5,6,\n';
    const p = file('pets.csv', text);
    const info = await inspectUpload(p, 'csv');
    expect(info).toEqual({
      width: 2,
      classes: 2,
      labelled: true,
      labelledRows: 2,
      imageShape: null,
      rows: 3,
      checksum: createHash('sha256').update(text).digest('hex'),
      labelColumn: 'label',
      labelNames: ['cat', 'dog'],
      featureColumns: ['f1', 'f2'],
    });
  });

  it('reads a gzip-compressed CSV transparently', async () => {
    const p = file('pets.csv.gz', gzipSync('a,label\n1,0\n2,1\n'));
    const info = await inspectUpload(p, 'csv');
    expect(info.rows).toBe(2);
  });

  it('reports errors with the user\'s file name', async () => {
    const p = file('stored-123', 'a,b,label\n1,x,0\n');
    await expect(inspectUpload(p, 'csv', undefined, undefined, { fileName: 'my data.csv' })).rejects.toThrow(
      'my data.csv, line 2, column 2 (b): "x" is not a number',
    );
  });

  it('enforces the byte and decompressed-size limits', async () => {
    const p = file('big.csv', `a,label\n${'1,0\n'.repeat(100)}`);
    await expect(inspectUpload(p, 'csv', undefined, undefined, { limits: { maxBytes: 100 } })).rejects.toThrow(/big.csv: is 408 bytes; uploads may be at most 100 bytes/);
    const bomb = file('bomb.csv.gz', gzipSync(`a,label\n${'1,0\n'.repeat(10000)}`));
    await expect(inspectUpload(bomb, 'csv', undefined, undefined, { limits: { maxDecompressedBytes: 1000 } })).rejects.toThrow(/decompresses to more than 1000 bytes/);
  });

  it('explains a missing file and non-UTF-8 text', async () => {
    await expect(inspectUpload(join(dir, 'nope.csv'), 'csv')).rejects.toThrow(/missing on the server/);
    const p = file('latin1.csv', new Uint8Array([0x61, 0x2c, 0x6c, 0x0a, 0xe9, 0x2c, 0x30, 0x0a]));
    await expect(inspectUpload(p, 'csv')).rejects.toThrow(/is not UTF-8 text/);
  });

  it('inspects IDX images with a gzip labels file', async () => {
    const images = file('img.idx', idxUbyte([3, 2, 2], [0, 255, 0, 255, 1, 2, 3, 4, 9, 9, 9, 9]));
    const labels = file('lab.idx.gz', gzipSync(idxUbyte([3], [1, 0, 2])));
    const info = await inspectUpload(images, 'idx', undefined, labels);
    expect(info.width).toBe(4);
    expect(info.classes).toBe(3);
    expect(info.labelled).toBe(true);
    expect(info.labelledRows).toBe(3);
    expect(info.imageShape).toEqual([2, 2, 1]);
    expect(info.rows).toBe(3);
    const unlabelled = await inspectUpload(images, 'idx');
    expect(unlabelled.labelled).toBe(false);
    expect(unlabelled.classes).toBe(0);
  });

  it('loadDataset resolves an upload; the domain node\'s label column wins', async () => {
    const p = file('two-labels.csv', 'x,a,b\n1,0,1\n2,1,0\n3,0,1\n');
    const resolveUpload = async (id: string) => (id === 'u1' ? { path: p, format: 'csv' as const, labelColumn: 'a' } : undefined);
    const byStore = await loadDataset({ kind: 'upload', id: 'u1' }, { resolveUpload });
    expect(Array.from(byStore.y)).toEqual([0, 1, 0]);
    expect(byStore.width).toBe(2);
    const byNode = await loadDataset({ kind: 'upload', id: 'u1', labelColumn: 'b' }, { resolveUpload });
    expect(Array.from(byNode.y)).toEqual([1, 0, 1]);
    expect(Array.from(byNode.x)).toEqual([1, 0, 2, 1, 3, 0]);
  });
});
