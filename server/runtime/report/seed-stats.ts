import type { SeedStat, Verdict } from '../../../formats/run-result';

/** Two-sided 97.5 % quantiles of Student's t for 1…30 degrees of freedom (standard table values). */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** t_{0.975, df}; beyond the table the normal quantile's neighbourhood (≤ 2.042, → 1.96) is close enough. */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error(`tQuantile975: degrees of freedom must be a positive integer, got ${df}`);
  if (df <= T975.length) return T975[df - 1]!;
  return df <= 60 ? 2.0 : df <= 120 ? 1.98 : 1.96;
}

/** Mean, sample standard deviation (n − 1; 0 for one value) and the values themselves. */
export function seedStat(values: readonly number[]): SeedStat {
  if (values.length === 0) throw new Error('seedStat: no values');
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const std = values.length < 2 ? 0 : Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return { mean, std, perSeed: [...values] };
}

/** 95 % Student-t interval of the mean: mean ± t_{0.975, n−1} · s/√n; null for fewer than two values. */
export function tInterval95(values: readonly number[]): [number, number] | null {
  if (values.length < 2) return null;
  const { mean, std } = seedStat(values);
  const half = tQuantile975(values.length - 1) * (std / Math.sqrt(values.length));
  return [mean - half, mean + half];
}

/** Per-seed differences a − b (paired by seed: both lists in the same seed order). */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error(`pairedDifferences: ${a.length} vs ${b.length} seeds`);
  return a.map((v, i) => v - b[i]!);
}

/**
 * Three-valued verdict from the paired interval: negative transfer only when the whole interval lies below 0,
 * positive only when it lies above, inconclusive when it straddles 0. One seed has no interval.
 */
export function verdictOf(ci95: readonly [number, number] | null): Verdict {
  if (!ci95) return 'single-seed';
  if (ci95[1] < 0) return 'negative';
  if (ci95[0] > 0) return 'positive';
  return 'inconclusive';
}
