import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserUploadSource } from '../../../formats/browser-worker-protocol';
import { csvOptionsSchema } from '../../../formats/csv-options';
import { decodeDataset, encodeDataset } from '../../datasets/dataset-file';
import { uploadLimits } from '../../datasets/limits';
import { parseUpload as parseOnServer, type ResolvedUpload } from '../../datasets/parse-upload';
import { parseUpload as parseInBrowser } from './parse-upload.browser';
import { registerUploadBlobs } from './upload-blobs';

const dir = mkdtempSync(join(tmpdir(), 'stepstone-browser-upload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The same bytes and options as a stored file (server) and as a Blob (browser). */
function both(name: string, bytes: Uint8Array | string, source: Omit<BrowserUploadSource, 'file' | 'fileName'>, labels?: Uint8Array) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const server: ResolvedUpload = { path, format: source.format, fileName: name, ...(source.csv ? { csv: source.csv } : {}), ...(source.labelColumn ? { labelColumn: source.labelColumn } : {}) };
  if (labels) {
    server.labelsPath = join(dir, `${name}.labels`);
    server.labelsFileName = `${name}.labels`;
    writeFileSync(server.labelsPath, labels);
  }
  const browser = registerUploadBlobs({ u: { ...source, fileName: name, file: new Blob([bytes as BlobPart]), ...(labels ? { labels: new Blob([labels as BlobPart]), labelsFileName: `${name}.labels` } : {}) } }).u!;
  return { server, browser };
}

const csvText = 'id;width;height;kind\n1;0.5;1.5;cat\n2;1.5;2.5;dog\n3;2.5;3.5;\n4;-1e-3;4;cat\n';
const csv = csvOptionsSchema.parse({ delimiter: 'semicolon', label: { by: 'column', column: 'kind' }, ignore: ['id'] });

function idx(dims: number[], values: number[]): Uint8Array {
  const buf = new Uint8Array(4 + 4 * dims.length + values.length);
  buf[2] = 0x08;
  buf[3] = dims.length;
  dims.forEach((d, i) => new DataView(buf.buffer).setUint32(4 + 4 * i, d));
  buf.set(values, 4 + 4 * dims.length);
  return buf;
}

describe('parse-upload.browser: a Blob read by the same parser with the same stored options as the server', () => {
  it('CSV with stored options (delimiter, label column, ignored column): same features, labels, names', async () => {
    const { server, browser } = both('pets.csv', csvText, { format: 'csv', csv });
    const [s, b] = [await parseOnServer(server), await parseInBrowser(browser)];
    expect(b.dataset).toEqual(s.dataset);
    expect(b.labelled).toBe(3);
    expect(Array.from(b.dataset.x)).toEqual([0.5, 1.5, 1.5, 2.5, 2.5, 3.5, expect.closeTo(-1e-3, 9), 4]);
    expect(Array.from(b.dataset.y)).toEqual([0, 1, -1, 0]);
    expect(b.dataset.featureColumns).toEqual(['width', 'height']);
  });

  it('gzip-compressed CSV, and an older upload with only a label column', async () => {
    const text = 'a,b,target\n1,2,x\n3,4,y\n5,6,x\n';
    const { server, browser } = both('old.csv.gz', gzipSync(text), { format: 'csv', labelColumn: 'target' });
    const [s, b] = [await parseOnServer(server), await parseInBrowser(browser)];
    expect(b.dataset).toEqual(s.dataset);
    expect(b.dataset.labelNames).toEqual(['x', 'y']);
  });

  it('IDX images with a labels file: same data set', async () => {
    const images = idx([3, 2, 2], [0, 255, 128, 1, 2, 3, 4, 5, 9, 8, 7, 6]);
    const labels = idx([3], [2, 0, 1]);
    const { server, browser } = both('digits.idx', gzipSync(images), { format: 'idx' }, labels);
    const [s, b] = [await parseOnServer(server), await parseInBrowser(browser)];
    expect(b.dataset).toEqual(s.dataset);
    expect(Array.from(b.dataset.y)).toEqual([2, 0, 1]);
  });

  it('a bad cell: the same message, naming the file, line and column', async () => {
    const { server, browser } = both('bad.csv', 'f1,f2,label\n1,2,a\n3,oops,b\n', { format: 'csv' });
    const s = await parseOnServer(server).catch((e: Error) => e.message);
    const b = await parseInBrowser(browser).catch((e: Error) => e.message);
    expect(b).toBe(s);
    expect(b).toMatch(/^bad\.csv, line 3, column 2/);
  });

  it('limits apply as the bytes arrive: too large a file, and a gzip bomb past the decompressed limit', async () => {
    const { browser } = both('big.csv', 'f,label\n' + '1,a\n'.repeat(1000), { format: 'csv' });
    await expect(parseInBrowser(browser, { maxBytes: 1000 })).rejects.toThrow(/big\.csv: is 3\.9 KB; uploads may be at most/);
    const bomb = both('bomb.csv.gz', gzipSync('f,label\n' + '1,a\n'.repeat(100_000)), { format: 'csv' }).browser;
    await expect(parseInBrowser(bomb, { maxDecompressedBytes: 50_000 })).rejects.toThrow(/bomb\.csv\.gz: decompresses to more than/);
  });

  it('a picked zip of images is refused by name; a truncated server parse is refused, not misread', async () => {
    const { browser } = both('faces.zip', new Uint8Array([0x50, 0x4b, 3, 4]), { format: 'zip' });
    await expect(parseInBrowser(browser)).rejects.toThrow(/faces\.zip: is a zip of images.*server/);
    const ds = { name: 'faces', x: Float32Array.from([0.5, 1, 0, 0.25]), y: Int32Array.from([1, -1]), n: 2, width: 2, classes: 2, imageShape: null, labelNames: ['a', 'b'] };
    const bytes = encodeDataset(ds);
    expect(decodeDataset(bytes, 'faces.zip', uploadLimits)).toEqual(ds);
    const cut = registerUploadBlobs({ u: { format: 'zip', fileName: 'faces.zip', file: new Blob([bytes.slice(0, -4) as BlobPart]) } }).u!;
    await expect(parseInBrowser(cut)).rejects.toThrow(/faces\.zip: is truncated/);
  });
});
