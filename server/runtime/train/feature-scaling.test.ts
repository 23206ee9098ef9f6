import { describe, expect, it } from 'vitest';
import type { PlanDomain, TrainingPlan } from '../../../formats/training-plan';
import type { Dataset } from '../../datasets/dataset';
import { alignLabels } from './align-labels';
import { scaleDomains } from './feature-scaling';
import { prepareDomain, type PreparedDomain } from './prepare-domain';

function dataset(values: number[], width = 1): Dataset {
  const n = values.length / width;
  return { name: 'toy', x: Float32Array.from(values), y: Int32Array.from({ length: n }, (_, i) => i % 2), n, width, classes: 2, imageShape: null };
}

const domain = (over: Partial<PlanDomain>): PlanDomain => ({
  nodeId: 'd',
  nodeType: 'sourceDomain',
  name: 'toy',
  role: 'source',
  order: 0,
  dataset: { kind: 'upload', id: 'u' },
  width: 1,
  classes: 2,
  imageShape: null,
  labels: 'all',
  testFraction: 0,
  validationFraction: 0,
  ...over,
});

function run(source: PlanDomain, target: PlanDomain, sx: number[], tx: number[]) {
  const prepared = new Map<string, PreparedDomain>([
    [source.nodeId, prepareDomain(source, dataset(sx), 1)],
    [target.nodeId, prepareDomain(target, dataset(tx), 1)],
  ]);
  const plan = { domains: [source, target] } as unknown as TrainingPlan;
  const stats = scaleDomains(plan, prepared);
  return { stats, s: prepared.get(source.nodeId)!, t: prepared.get(target.nodeId)! };
}

describe('feature scaling with the source’s training rows', () => {
  it('standardise: mean and std of the source’s training rows, applied to the target (its own statistics never used)', () => {
    const src = domain({ nodeId: 's', scaling: 'standardise' });
    const tgt = domain({ nodeId: 't', role: 'target', order: 1, scaling: 'standardise', testFraction: 0.5 });
    const { stats, s, t } = run(src, tgt, [0, 2, 4, 6], [10, 12, 14, 16]);
    expect(stats!.mean[0]).toBe(3);
    expect(stats!.std[0]).toBeCloseTo(Math.sqrt(5), 10);
    expect(Array.from(s.train.x).sort((a, b) => a - b).map((v) => v.toFixed(3))).toEqual(['-1.342', '-0.447', '0.447', '1.342']);
    // Target rows (train and test) move by the source's statistics: 10 → (10 − 3)/√5.
    const all = [...t.train.x, ...t.test!.x].sort((a, b) => a - b);
    expect(all[0]).toBeCloseTo(7 / Math.sqrt(5), 5);
  });

  it('never fits on the source’s validation rows; a domain with scaling none is left raw', () => {
    const src = domain({ nodeId: 's', scaling: 'minmax', validationFraction: 0.5 });
    const tgt = domain({ nodeId: 't', role: 'target', order: 1 });
    const values = Array.from({ length: 20 }, (_, i) => i);
    // The same seed splits the same way: these are the rows scaleDomains sees, before scaling.
    const validation = Array.from(prepareDomain(src, dataset(values), 1).validation!.x);
    expect(validation.length).toBeGreaterThanOrEqual(5);
    const { stats, s, t } = run(src, tgt, values, [100, 200]);
    const trainRaw = values.filter((v) => !validation.includes(v));
    expect(stats!.min[0]).toBe(Math.min(...trainRaw));
    expect(stats!.max[0]).toBe(Math.max(...trainRaw));
    expect(Math.min(...s.train.x)).toBe(0);
    expect(Math.max(...s.train.x)).toBe(1);
    expect(Array.from(t.train.x).sort((a, b) => a - b)).toEqual([100, 200]);
  });

  it('scales nothing when no domain asks for it', () => {
    const { stats, t } = run(domain({ nodeId: 's' }), domain({ nodeId: 't', role: 'target' }), [1, 2], [3, 4]);
    expect(stats).toBeNull();
    expect(Array.from(t.train.x).sort()).toEqual([3, 4]);
  });
});

describe('labels aligned by class name', () => {
  it('renumbers a target’s classes to the source’s names', () => {
    const ds: Dataset = { ...dataset([1, 2, 3]), y: Int32Array.from([0, 1, -1]), labelNames: ['bee', 'cat'] };
    const aligned = alignLabels(domain({ classNames: ['ant', 'bee', 'cat'] }), ds);
    expect(Array.from(aligned.y)).toEqual([1, 2, -1]);
    expect(aligned.classes).toBe(3);
    expect(() => alignLabels(domain({ classNames: ['ant', 'bee'] }), ds)).toThrow(/class “cat” is not among the source's classes/);
  });
});
