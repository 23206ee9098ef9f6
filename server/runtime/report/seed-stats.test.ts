import { describe, expect, it } from 'vitest';
import { pairedDifferences, seedStat, tInterval95, tQuantile975, verdictOf } from './seed-stats';

describe('seed statistics', () => {
  it('mean and sample standard deviation (n − 1), by hand', () => {
    // mean 4; squared deviations 4, 0, 4 → s² = 8/2 = 4 → s = 2.
    expect(seedStat([2, 4, 6])).toEqual({ mean: 4, std: 2, perSeed: [2, 4, 6] });
    expect(seedStat([0.7])).toEqual({ mean: 0.7, std: 0, perSeed: [0.7] });
    expect(() => seedStat([])).toThrow(/no values/);
  });

  it('t quantiles from the table', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(2)).toBe(4.303);
    expect(tQuantile975(4)).toBe(2.776);
    expect(tQuantile975(1000)).toBe(1.96);
    expect(() => tQuantile975(0)).toThrow();
  });

  it('95 % t-interval of three paired gains, by hand', () => {
    // gains 0.10, 0.12, 0.14: mean 0.12, s = 0.02, half-width 4.303 · 0.02/√3 = 0.049687…
    const [lo, hi] = tInterval95([0.1, 0.12, 0.14])!;
    expect(lo).toBeCloseTo(0.12 - 0.0496868, 6);
    expect(hi).toBeCloseTo(0.12 + 0.0496868, 6);
    // Five seeds: 1, 2, 3, 4, 5 → mean 3, s = √2.5, half 2.776 · √2.5/√5 = 1.962960…
    const five = tInterval95([1, 2, 3, 4, 5])!;
    expect(five[0]).toBeCloseTo(3 - 1.96296, 4);
    expect(tInterval95([0.3])).toBeNull();
  });

  it('paired differences keep seed order and refuse unequal lengths', () => {
    expect(pairedDifferences([0.9, 0.8], [0.7, 0.85])).toEqual([0.9 - 0.7, 0.8 - 0.85]);
    expect(() => pairedDifferences([1], [1, 2])).toThrow(/1 vs 2/);
  });

  it('verdict: below 0 negative, above 0 positive, straddling inconclusive, one seed single-seed', () => {
    expect(verdictOf([-0.1, -0.01])).toBe('negative');
    expect(verdictOf([0.01, 0.2])).toBe('positive');
    expect(verdictOf([-0.05, 0.2])).toBe('inconclusive');
    expect(verdictOf([0, 0.2])).toBe('inconclusive');
    expect(verdictOf(null)).toBe('single-seed');
    // A mean gain of −2 points with a wide interval is inconclusive, never negative.
    expect(verdictOf(tInterval95([-0.02, 0.03, -0.07]))).toBe('inconclusive');
    expect(verdictOf(tInterval95([-0.05, -0.06, -0.04]))).toBe('negative');
  });
});
