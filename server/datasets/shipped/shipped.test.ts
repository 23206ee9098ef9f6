import { describe, expect, it } from 'vitest';
import { builtinDatasets, type BuiltinDataset, type BuiltinDatasetId } from '../../../nodes/core/dataset-catalog';
import { loadDataset } from '../load-dataset';
import type { Dataset } from '../dataset';
import { loadSpamCounts } from './spam';
import { SPAM_VOCABULARY_SIZE } from './spam-sets';

function classCounts(d: Dataset): number[] {
  const c = new Array<number>(d.classes).fill(0);
  for (const v of d.y) c[v]! += 1;
  return c;
}

function range(d: Dataset): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of d.x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Full size of each shipped set (options at their maximum). */
const expected: { id: BuiltinDatasetId; options: Record<string, number>; n: number; counts?: number[]; range: [number, number] }[] = [
  { id: 'optdigits', options: { limit: 1797 }, n: 1797, counts: [178, 182, 177, 183, 181, 182, 181, 179, 174, 180], range: [0, 1] },
  { id: 'mnist-8x8', options: { perClass: 500 }, n: 5000, counts: new Array(10).fill(500), range: [0, 1] },
  { id: 'fashion-mnist', options: { perClass: 200 }, n: 2000, counts: new Array(10).fill(200), range: [0, 1] },
  { id: 'spam-early', options: { limit: 3000 }, n: 3000, counts: [2500, 500], range: [0, 1] },
  { id: 'spam-later', options: { limit: 2796 }, n: 2796, counts: [1400, 1396], range: [0, 1] },
  { id: 'spam-hard', options: { limit: 500 }, n: 500, counts: [250, 250], range: [0, 1] },
];

describe('shipped data sets', () => {
  for (const e of expected) {
    it(`${e.id} loads with the catalog's width, classes and image shape, and its full size`, async () => {
      const meta: BuiltinDataset = builtinDatasets[e.id];
      const d = await loadDataset({ kind: 'builtin', id: e.id, options: e.options });
      expect(d.width).toBe(meta.width);
      expect(d.classes).toBe(meta.classes);
      expect(d.imageShape).toEqual(meta.imageShape);
      expect(d.n).toBe(e.n);
      expect(d.n).toBe(meta.size);
      expect(d.labelNames).toEqual(meta.classNames);
      expect(d.x.length).toBe(e.n * meta.width);
      if (e.counts) expect(classCounts(d)).toEqual(e.counts);
      const [lo, hi] = range(d);
      expect(lo).toBeGreaterThanOrEqual(e.range[0]);
      expect(hi).toBeLessThanOrEqual(e.range[1]);
      expect(hi).toBeGreaterThan(e.range[1] * 0.9);
    });
  }

  it('optdigits matches scikit-learn\'s first digit (a 0) exactly', async () => {
    const { loadOptdigitsAll } = await import('./optdigits');
    const d = await loadOptdigitsAll();
    expect(d.y[0]).toBe(0);
    // Block counts 0–16 are scaled to [0, 1].
    expect(Array.from(d.x.subarray(0, 16)).map((v) => v * 16)).toEqual([0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0]);
  });

  it('subsets are class-balanced, seeded and shuffled', async () => {
    const a = await loadDataset({ kind: 'builtin', id: 'mnist-8x8', options: { perClass: 30, seed: 1 } });
    const b = await loadDataset({ kind: 'builtin', id: 'mnist-8x8', options: { perClass: 30, seed: 1 } });
    const c = await loadDataset({ kind: 'builtin', id: 'mnist-8x8', options: { perClass: 30, seed: 2 } });
    expect(classCounts(a)).toEqual(new Array(10).fill(30));
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    // Shuffled: the first 30 rows are not all one class.
    expect(new Set(Array.from(a.y.subarray(0, 30))).size).toBeGreaterThan(3);
  });

  it('limit takes a seeded random subset', async () => {
    const d = await loadDataset({ kind: 'builtin', id: 'optdigits', options: { limit: 100, seed: 3 } });
    expect(d.n).toBe(100);
    expect(new Set(Array.from(d.y)).size).toBeGreaterThan(7);
  });

  it('spam rows are L2-normalised TF-IDF over a source vocabulary of the catalog width', async () => {
    const file = await loadSpamCounts();
    expect(file.vocabulary.length).toBe(SPAM_VOCABULARY_SIZE);
    expect(file.sourceDocuments).toBe(3000);
    const d = await loadDataset({ kind: 'builtin', id: 'spam-hard', options: { limit: 50 } });
    for (let r = 0; r < d.n; r++) {
      let ss = 0;
      for (let c = 0; c < d.width; c++) ss += d.x[r * d.width + c]! ** 2;
      // An empty body has no vocabulary terms and stays a zero row.
      if (ss > 0) expect(Math.sqrt(ss)).toBeCloseTo(1, 5);
    }
  });

  it('rejects a spam limit above the catalog bound, naming the option', async () => {
    await expect(loadDataset({ kind: 'builtin', id: 'spam-early', options: { limit: 3001 } })).rejects.toThrow(/"limit".*between 10 and 3000, got 3001/);
  });
});
