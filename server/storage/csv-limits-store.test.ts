import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client';
import { datasets } from '../../db/schema';
import { uploadLimits } from '../datasets/limits';
import { duplicateHeaderCsv, nulCsv, writeGzipBomb } from '../testing/hostile-files';
import { storeUpload, UploadError } from './store-upload';

// Every CSV limit, through the server's own upload path and its default limits: refused with a specific message
// (file, line), and nothing stored — no row, no file, no temporary left behind. (Image zip limits: image-zip.test.ts.)

let handle: DbHandle;
let dataDir: string;
beforeAll(async () => {
  handle = await openDatabase({ dataDir: 'memory://', databaseUrl: '' });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'stepstone-csv-limits-'));
});
afterAll(async () => handle.close());

const rows = async () => (await handle.db.select({ n: count() }).from(datasets))[0]!.n;
const files = async () => (await readdir(path.join(dataDir, 'uploads'), { recursive: true }).catch(() => [] as string[])).filter((f) => f !== '.tmp').sort();

async function* pieces(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function gzipBomb(head: string, chunk: string, repeat: number): Promise<Uint8Array> {
  const p = path.join(dataDir, `bomb-${Date.now()}.gz`);
  await writeGzipBomb(p, head, chunk, repeat);
  return readFile(p);
}

const text = (s: string) => new TextEncoder().encode(s);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The CSV limits the server enforces, each with a file that breaks only it and what the refusal must say. */
const cases: Array<[string, () => Promise<Uint8Array> | Uint8Array, RegExp]> = [
  ['lines (a gzip of 300 MB of newlines)', () => gzipBomb('a,label\n', '\n'.repeat(1 << 20), 300), /line 200001.*more than 200000 lines/],
  ['line length (one 100 MB line, gzipped)', () => gzipBomb('', '1'.repeat(1 << 20), 100), /line 1.*longer than 1048576 characters/],
  ['data rows', () => text(`a,label\n${'1,0\n'.repeat(uploadLimits.maxRows + 1)}`), /more than 100000 data rows/],
  ['feature columns', () => text(`${range(uploadLimits.maxColumns + 1).map((i) => `c${i}`).join(',')},label\n${range(uploadLimits.maxColumns + 1).map(() => '1').join(',')},0\n`), /4097 feature columns; at most 4096/],
  ['classes', () => text(`a,label\n${range(uploadLimits.maxClasses + 1).map((i) => `1,class${i}`).join('\n')}\n`), /1001 different values; at most 1000 classes/],
  ['column name length', () => text(`${'n'.repeat(uploadLimits.maxLabelLength + 1)},label\n1,0\n`), /column name is 201 characters long; at most 200/],
  ['NUL bytes', () => text(nulCsv), /line 3.*NUL character/],
  ['duplicate column names', () => text(duplicateHeaderCsv), /"a" is used twice/],
];

describe('CSV limits through storeUpload (server defaults)', () => {
  it.each(cases)('%s: refused with its message, nothing stored', async (_name, make, message) => {
    const before = { rows: await rows(), files: await files() };
    const body = await make();
    const err = await storeUpload({ db: handle.db, dataDir, params: { name: 'hostile.csv', format: 'csv' }, body: pieces(body) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UploadError);
    expect((err as UploadError).message).toMatch(/hostile\.csv/);
    expect((err as UploadError).message).toMatch(message);
    expect({ rows: await rows(), files: await files() }).toEqual(before);
    expect(await readdir(path.join(dataDir, 'uploads', '.tmp'))).toEqual([]);
  }, 120_000);

  it('a file within every limit is stored (the cases above fail for their limit, not for being CSV)', async () => {
    const ok = await storeUpload({ db: handle.db, dataDir, params: { name: 'fine.csv', format: 'csv' }, body: pieces(text(`a,label\n${'1,0\n2,1\n'.repeat(50)}`)) });
    expect(ok.metadata).toMatchObject({ rows: 100, classes: 2 });
  });
});
