import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset';
import { loadDataset } from '../load-dataset';

const empty = mkdtempSync(join(tmpdir(), 'stepstone-no-data-'));
afterAll(() => {
  delete process.env.STEPSTONE_BUILTIN_DATA_DIR;
  rmSync(empty, { recursive: true, force: true });
});

describe('shipped data missing', () => {
  it('says which file is missing and how to rebuild it, and a failed load is not cached', async () => {
    process.env.STEPSTONE_BUILTIN_DATA_DIR = empty;
    const err = (await loadDataset({ kind: 'builtin', id: 'optdigits', options: {} }).catch((e: unknown) => e)) as DatasetError;
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.file).toBe('optdigits.csv.gz');
    expect(err.message).toContain(join(empty, 'optdigits.csv.gz'));
    expect(err.message).toContain('npm run data:build');
    delete process.env.STEPSTONE_BUILTIN_DATA_DIR;
    const d = await loadDataset({ kind: 'builtin', id: 'optdigits', options: {} });
    expect(d.n).toBe(1797);
  });
});
