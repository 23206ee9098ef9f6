import { describe, expect, it } from 'vitest';
import type { PlanDomain } from '../../../formats/training-plan';
import type { Dataset } from '../../datasets/dataset';
import { prepareDomain } from './prepare-domain';

function dataset(n: number, classes: number): Dataset {
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = i;
    x[2 * i + 1] = -i;
    y[i] = i % classes;
  }
  return { name: 'toy', x, y, n, width: 2, classes, imageShape: null };
}

const domain = (over: Partial<PlanDomain>): PlanDomain => ({
  nodeId: 'd',
  nodeType: 'targetDomain',
  name: 'toy',
  role: 'target',
  order: 1,
  dataset: { kind: 'builtin', id: 'two-moons', options: {} },
  width: 2,
  classes: 3,
  imageShape: null,
  labels: 'all',
  testFraction: 0,
  validationFraction: 0,
  ...over,
});

describe('prepareDomain', () => {
  it('holds out the test fraction, disjoint from training, rows kept intact', () => {
    const p = prepareDomain(domain({ testFraction: 0.3 }), dataset(100, 3), 1);
    expect(p.test!.n).toBe(30);
    expect(p.train.n).toBe(70);
    const trainIds = new Set(Array.from({ length: p.train.n }, (_, i) => p.train.x[2 * i]));
    for (let i = 0; i < p.test!.n; i++) {
      const id = p.test!.x[2 * i]!;
      expect(trainIds.has(id)).toBe(false);
      expect(p.test!.x[2 * i + 1]).toBe(-id);
      expect(p.test!.y[i]).toBe(id % 3);
    }
  });

  it('is seeded: same seed same split, other seed another split', () => {
    const a = prepareDomain(domain({ testFraction: 0.3 }), dataset(100, 3), 1);
    const b = prepareDomain(domain({ testFraction: 0.3 }), dataset(100, 3), 1);
    const c = prepareDomain(domain({ testFraction: 0.3 }), dataset(100, 3), 2);
    expect(Array.from(b.test!.x)).toEqual(Array.from(a.test!.x));
    expect(Array.from(c.test!.x)).not.toEqual(Array.from(a.test!.x));
  });

  it("labels {count} keeps exactly count labels, balanced over classes; true labels stay for reporting", () => {
    const p = prepareDomain(domain({ labels: { count: 7 } }), dataset(90, 3), 4);
    const kept = Array.from(p.train.y).filter((y) => y >= 0);
    expect(p.labelled).toBe(7);
    expect(kept).toHaveLength(7);
    const perClass = [0, 1, 2].map((c) => kept.filter((y) => y === c).length);
    expect(Math.max(...perClass) - Math.min(...perClass)).toBeLessThanOrEqual(1);
    expect(Array.from(p.trainTrueY).every((y, i) => y === (p.train.x[2 * i]! % 3))).toBe(true);
  });

  it("labels 'none' hides every training label", () => {
    const p = prepareDomain(domain({ labels: 'none', testFraction: 0.2 }), dataset(50, 3), 0);
    expect(p.labelled).toBe(0);
    expect(Array.from(p.test!.y).some((y) => y >= 0)).toBe(true);
  });

  it('source validation: its share of the rows, never among training rows, true labels kept', () => {
    const p = prepareDomain(domain({ role: 'source', validationFraction: 0.15 }), dataset(100, 3), 3);
    expect(p.validation!.n).toBe(15);
    expect(p.train.n).toBe(85);
    const trainIds = new Set(Array.from({ length: p.train.n }, (_, i) => p.train.x[2 * i]));
    for (let i = 0; i < p.validation!.n; i++) {
      const id = p.validation!.x[2 * i]!;
      expect(trainIds.has(id)).toBe(false);
      expect(p.validation!.y[i]).toBe(id % 3);
    }
  });

  it('target validation comes out of the labelled budget: count includes it; test, validation, training disjoint', () => {
    const p = prepareDomain(domain({ labels: { count: 30 }, testFraction: 0.3, validationFraction: 0.2 }), dataset(200, 3), 5);
    expect(p.validation!.n).toBe(6);
    expect(p.labelled).toBe(24);
    const ids = (x: Float32Array, n: number) => Array.from({ length: n }, (_, i) => x[2 * i]!);
    const train = ids(p.train.x, p.train.n);
    const val = ids(p.validation!.x, p.validation!.n);
    const test = ids(p.test!.x, p.test!.n);
    expect(new Set([...train, ...val, ...test]).size).toBe(200);
    // Validation rows are labelled rows: none of them is an unlabelled training row either.
    expect(val.every((v) => !train.includes(v))).toBe(true);
  });

  it('no validation split of fewer than 5 rows: the labels stay in training', () => {
    const p = prepareDomain(domain({ labels: { count: 10 }, validationFraction: 0.2 }), dataset(30, 3), 0);
    expect(p.validation).toBeNull();
    expect(p.labelled).toBe(10);
    expect(prepareDomain(domain({ labels: { count: 25 }, validationFraction: 0.2 }), dataset(30, 3), 0).validation!.n).toBe(5);
  });

  it('rejects a width that differs from the plan, naming the node', () => {
    expect(() => prepareDomain(domain({ width: 3 }), dataset(10, 2), 0)).toThrow(/2 features per sample but the plan expects 3/);
  });
});
