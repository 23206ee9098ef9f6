import { describe, expect, it } from 'vitest';
import { builtinDatasets } from '../../nodes/core/dataset-catalog';
import { DatasetError } from './dataset';
import { loadDataset } from './load-dataset';

describe('loadDataset: synthetic built-ins and option checks', () => {
  it('loads two-moons with catalog defaults', async () => {
    const d = await loadDataset({ kind: 'builtin', id: 'two-moons', options: {} });
    expect(d.n).toBe(builtinDatasets['two-moons'].options.samples.default);
    expect(d.width).toBe(builtinDatasets['two-moons'].width);
    expect(d.classes).toBe(builtinDatasets['two-moons'].classes);
  });

  it('passes options through (rotation series = same seed, different rotation)', async () => {
    const a = await loadDataset({ kind: 'builtin', id: 'two-moons', options: { samples: 30, seed: 3, rotation: 0 } });
    const b = await loadDataset({ kind: 'builtin', id: 'two-moons', options: { samples: 30, seed: 3, rotation: 45 } });
    expect(a.n).toBe(30);
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.x)).not.toEqual(Array.from(b.x));
  });

  it('loads gaussian-blobs with a shift', async () => {
    const d = await loadDataset({ kind: 'builtin', id: 'gaussian-blobs', options: { samples: 90, shift: 2 } });
    expect(d.n).toBe(90);
    expect(d.classes).toBe(3);
  });

  it('rejects an unknown data set, naming the choices', async () => {
    await expect(loadDataset({ kind: 'builtin', id: 'iris', options: {} })).rejects.toThrow(/unknown built-in data set "iris".*two-moons/);
  });

  it('rejects an out-of-range option, naming option and bounds', async () => {
    const err = await loadDataset({ kind: 'builtin', id: 'two-moons', options: { rotation: 270 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).field).toBe('rotation');
    expect((err as Error).message).toMatch(/"rotation".*between -180 and 180, got 270/);
  });

  it('rejects a non-integer count, a string value and an unknown option', async () => {
    await expect(loadDataset({ kind: 'builtin', id: 'two-moons', options: { samples: 10.5 } })).rejects.toThrow(/"samples".*whole number/);
    await expect(loadDataset({ kind: 'builtin', id: 'two-moons', options: { noise: 'lots' } })).rejects.toThrow(/"noise".*finite number, got "lots"/);
    await expect(loadDataset({ kind: 'builtin', id: 'two-moons', options: { shift: 1 } })).rejects.toThrow(/no option "shift".*samples, rotation, noise, seed/);
  });

  it('explains a missing upload resolver and a missing upload', async () => {
    await expect(loadDataset({ kind: 'upload', id: 'u1' })).rejects.toThrow(/no upload store/);
    await expect(loadDataset({ kind: 'upload', id: 'u1' }, { resolveUpload: async () => undefined })).rejects.toThrow(/upload "u1" was not found/);
  });
});

describe('DatasetError messages', () => {
  it('start with the location when there is one, and name an option only once', async () => {
    const err = (await loadDataset({ kind: 'builtin', id: 'two-moons', options: { noise: 2 } }).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe('option "noise" of "two-moons" must be between 0 and 1, got 2.');
    const { DatasetError: E } = await import('./dataset');
    expect(new E('bad.', { file: 'a.csv', line: 2, column: 3, field: 'x' }).message).toBe('a.csv, line 2, column 3 (x): bad.');
    expect(new E('bad.', { file: 'a.csv', field: 'x' }).message).toBe('a.csv, "x": bad.');
  });
});
