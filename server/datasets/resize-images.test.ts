import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../compiler/compile-graph';
import { loadDataset } from './load-dataset';
import { resizeImages } from './resize-images';

const image = (side: number, values: number[]) => ({ name: 't', x: Float32Array.from(values), y: Int32Array.from([0]), n: 1, width: side * side, classes: 1, imageShape: [side, side, 1] as [number, number, number] });

describe('image resize option (issue 9 item 13)', () => {
  it('area-averages whole and fractional pixels', () => {
    // 4×4 → 2×2: block means.
    const r = resizeImages(image(4, [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 2, 2, 0, 0, 2, 4]), 2);
    expect(Array.from(r.x)).toEqual([1, 0, 0, 2.5]);
    expect(r.imageShape).toEqual([2, 2, 1]);
    // 3×3 → 2×2: each output covers 1.5 × 1.5 input pixels.
    const f = resizeImages(image(3, [9, 0, 0, 0, 0, 0, 0, 0, 0]), 2);
    expect(f.x[0]).toBeCloseTo(9 / 2.25, 6);
    expect(f.x[3]).toBeCloseTo(0, 6);
  });

  it('lets Fashion-MNIST (28×28) pair with 8×8 digits', async () => {
    const doc = JSON.parse(readFileSync(new URL('../../templates/dann.json', import.meta.url), 'utf8')) as { nodes: { id: string; type: string; params: Record<string, unknown> }[] };
    const source = doc.nodes.find((n) => n.type === 'sourceDomain')!;
    const target = doc.nodes.find((n) => n.type === 'targetDomain')!;
    source.params = { ...source.params, dataset: 'fashion-mnist', options: { perClass: 20, seed: 1 } };
    target.params = { ...target.params, dataset: 'optdigits', options: { seed: 2 } };
    const without = compileGraph(doc);
    expect(without.ok).toBe(false);
    expect(JSON.stringify(without.ok ? [] : without.errors)).toContain('widthMismatch');
    source.params.options = { perClass: 20, seed: 1, resize: 8 };
    const compiled = compileGraph(doc);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    expect(compiled.plan.domains.find((d) => d.role === 'source')).toMatchObject({ width: 64, imageShape: [8, 8, 1] });
    const ds = await loadDataset({ kind: 'builtin', id: 'fashion-mnist', options: { perClass: 2, seed: 1, resize: 8 } });
    expect(ds.width).toBe(64);
    expect(ds.x.length).toBe(ds.n * 64);
    expect(Math.max(...ds.x)).toBeLessThanOrEqual(1);
  });
});
