import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { openDatabase, type DbHandle } from '../../db/client';
import { datasets } from '../../db/schema';
import { storeUpload, UploadError } from './store-upload';

let handle: DbHandle;
let dataDir: string;
beforeAll(async () => {
  handle = await openDatabase({ dataDir: 'memory://', databaseUrl: '' });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'stepstone-upload-'));
});
afterAll(async () => handle.close());

async function* chunks(text: string, size = 7, failAt?: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) {
    if (failAt !== undefined && i >= failAt) throw new Error('connection reset');
    yield bytes.subarray(i, i + size);
  }
}

const rows = async () => (await handle.db.select({ n: count() }).from(datasets))[0]!.n;
const files = async () => (await readdir(path.join(dataDir, 'uploads'), { recursive: true })).filter((f) => f !== '.tmp').sort();

async function refused(p: Promise<unknown>): Promise<UploadError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UploadError) return err;
    throw err;
  }
  throw new Error('expected the upload to be refused');
}

const csv = 'x1,x2,label\n0.1,0.2,0\n0.3,0.1,1\n0.5,0.9,1\n0.7,0.4,0\n';

describe('storeUpload', () => {
  it('stores a good CSV: file renamed into place, sha256, metadata, then the row', async () => {
    const row = await storeUpload({ db: handle.db, dataDir, params: { name: 'points.csv', format: 'csv' }, body: chunks(csv) });
    expect(row.sha256).toBe(createHash('sha256').update(csv).digest('hex'));
    expect(row.sizeBytes).toBe(csv.length);
    expect(row.metadata).toMatchObject({ width: 2, classes: 2, labelled: true, labelledRows: 4, rows: 4, imageShape: null });
    expect(await readFile(row.path, 'utf8')).toBe(csv);
    expect(await files()).toEqual([path.basename(row.path)]);
  });

  it('parses the upload in another process (its pid differs from this one), which is gone afterwards', async () => {
    const row = await storeUpload({ db: handle.db, dataDir, params: { name: 'pid.csv', format: 'csv' }, body: chunks(csv) });
    expect(row.parsedBy).toBeGreaterThan(0);
    expect(row.parsedBy).not.toBe(process.pid);
    expect(() => process.kill(row.parsedBy, 0)).toThrow(/ESRCH/);
  });

  it('a bad cell is refused with its line and column, and nothing is stored', async () => {
    const before = { rows: await rows(), files: await files() };
    const err = await refused(storeUpload({ db: handle.db, dataDir, params: { name: 'bad.csv', format: 'csv' }, body: chunks('x1,x2,label\n0.1,0.2,0\n0.3,oops,1\n') }));
    expect(err.status).toBe(400);
    expect(err.location).toMatchObject({ line: 3, column: 2 });
    expect(err.message).toContain('bad.csv');
    expect({ rows: await rows(), files: await files() }).toEqual(before);
    expect(await readdir(path.join(dataDir, 'uploads', '.tmp'))).toEqual([]);
  });

  it('an oversized or interrupted upload leaves nothing half-written', async () => {
    const before = { rows: await rows(), files: await files() };
    const big = await refused(storeUpload({ db: handle.db, dataDir, params: { name: 'big.csv', format: 'csv' }, body: chunks(csv.repeat(50)), maxBytes: 100 }));
    expect(big.status).toBe(413);
    const cut = await refused(storeUpload({ db: handle.db, dataDir, params: { name: 'cut.csv', format: 'csv' }, body: chunks(csv, 7, 20) }));
    expect(cut.message).toMatch(/interrupted: connection reset/);
    const empty = await refused(storeUpload({ db: handle.db, dataDir, params: { name: 'empty.csv', format: 'csv' }, body: chunks('') }));
    expect(empty.message).toBe('empty.csv is empty.');
    expect({ rows: await rows(), files: await files() }).toEqual(before);
    expect(await readdir(path.join(dataDir, 'uploads', '.tmp'))).toEqual([]);
  });
});
