import type { TrainingPlan } from '../../../formats/training-plan';
import type { PreparedDomain } from './prepare-domain';

/** Per-feature statistics of the source's training rows. */
export interface ScalingStats {
  readonly mean: Float64Array;
  readonly std: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
}

export function fitScaling(x: Float32Array, n: number, width: number): ScalingStats {
  const mean = new Float64Array(width);
  const sq = new Float64Array(width);
  const min = new Float64Array(width).fill(Infinity);
  const max = new Float64Array(width).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < width; j++) {
      const v = x[i * width + j]!;
      mean[j]! += v;
      sq[j]! += v * v;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
    }
  }
  const std = new Float64Array(width);
  for (let j = 0; j < width; j++) {
    mean[j] = n > 0 ? mean[j]! / n : 0;
    std[j] = n > 0 ? Math.sqrt(Math.max(0, sq[j]! / n - mean[j]! * mean[j]!)) : 1;
  }
  return { mean, std, min, max };
}

/** Scales rows in place; a constant feature (std or range 0) is centred, not divided by zero. */
export function applyScaling(x: Float32Array, width: number, kind: 'standardise' | 'minmax', s: ScalingStats): void {
  for (let k = 0; k < x.length; k++) {
    const j = k % width;
    if (kind === 'standardise') x[k] = (x[k]! - s.mean[j]!) / (s.std[j]! > 1e-12 ? s.std[j]! : 1);
    else {
      const range = s.max[j]! - s.min[j]!;
      x[k] = range > 1e-12 ? (x[k]! - s.min[j]!) / range : 0;
    }
  }
}

/**
 * Applies each domain's scaling with statistics fitted on the source's training rows only — never its validation
 * rows, never any test rows — to every split of that domain. Domains of another width than the source are left alone.
 */
export function scaleDomains(plan: TrainingPlan, prepared: Map<string, PreparedDomain>): ScalingStats | null {
  if (!plan.domains.some((d) => d.scaling && d.scaling !== 'none')) return null;
  const source = plan.domains.find((d) => d.role === 'source');
  const src = source && prepared.get(source.nodeId);
  if (!src) return null;
  const stats = fitScaling(src.train.x, src.train.n, src.width);
  for (const d of plan.domains) {
    const p = prepared.get(d.nodeId);
    if (!p || !d.scaling || d.scaling === 'none' || p.width !== src.width) continue;
    for (const split of [p.train, p.test, p.validation]) if (split) applyScaling(split.x, p.width, d.scaling, stats);
    const record = { kind: d.scaling, mean: [...stats.mean], std: [...stats.std], min: [...stats.min], max: [...stats.max] };
    prepared.set(d.nodeId, { ...p, scaling: record });
  }
  return stats;
}
