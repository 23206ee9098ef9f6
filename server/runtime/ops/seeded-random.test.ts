import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { glorotUniform } from './glorot-uniform';
import { SeededRandom, glorotUniformValues, splitIndices } from './seeded-random';

describe('SeededRandom', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('repeats for the same seed and differs between seeds', () => {
    const a = Array.from({ length: 5 }, ((r) => () => r.next())(new SeededRandom(42)));
    const b = Array.from({ length: 5 }, ((r) => () => r.next())(new SeededRandom(42)));
    const c = Array.from({ length: 5 }, ((r) => () => r.next())(new SeededRandom(43)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const v of a) expect(v >= 0 && v < 1).toBe(true);
  });

  it('is roughly uniform and normal', () => {
    const r = new SeededRandom(7);
    const n = 20000;
    let sum = 0;
    let normalSum = 0;
    let normalSq = 0;
    for (let i = 0; i < n; i++) {
      sum += r.next();
      const z = r.normal();
      normalSum += z;
      normalSq += z * z;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(normalSum / n)).toBeLessThan(0.03);
    expect(Math.abs(normalSq / n - 1)).toBeLessThan(0.05);
  });

  it('permutes every index exactly once, reproducibly', () => {
    const p = new SeededRandom(1).permutation(100);
    expect(Array.from(p).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(p)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(new SeededRandom(1).permutation(100))).toEqual(Array.from(p));
  });

  it('splits into disjoint groups of the requested size', () => {
    const { first, second } = splitIndices(10, 0.3, new SeededRandom(3));
    expect(first.length).toBe(3);
    expect(second.length).toBe(7);
    expect(new Set([...first, ...second]).size).toBe(10);
  });

  it('forks independent, reproducible streams', () => {
    const f1 = new SeededRandom(9).fork('layer1').next();
    const f2 = new SeededRandom(9).fork('layer2').next();
    expect(new SeededRandom(9).fork('layer1').next()).toBe(f1);
    expect(f1).not.toBe(f2);
  });

  it('draws Glorot-uniform kernels within ±√(6/(in+out)), same seed → same tensor', () => {
    const values = glorotUniformValues(new SeededRandom(5), 30, 20);
    const limit = Math.sqrt(6 / 50);
    expect(values.length).toBe(600);
    expect(Math.max(...values)).toBeLessThanOrEqual(limit);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-limit);
    // Spread: a uniform on ±limit has standard deviation limit/√3.
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(Math.abs(sd - limit / Math.sqrt(3))).toBeLessThan(0.02);
    tf.tidy(() => {
      const a = glorotUniform(new SeededRandom(5), 30, 20);
      expect(a.shape).toEqual([30, 20]);
      expect(Array.from(a.dataSync())).toEqual(Array.from(values));
    });
  });

  it('rejects a non-finite seed', () => {
    expect(() => new SeededRandom(Number.NaN)).toThrow(/seed must be a finite number/);
  });
});
