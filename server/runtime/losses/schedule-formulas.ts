/**
 * Schedule formulas as pure functions of progress (λ_p, learning-rate curves); train/schedules.ts applies a
 * plan's schedules to the optimiser with them. `p` is training progress in [0, 1] (e.g. step / totalSteps);
 * values outside are clamped.
 */

function clampProgress(p: number): number {
  if (Number.isNaN(p)) throw new Error('schedule: progress p is NaN');
  return Math.min(1, Math.max(0, p));
}

/** DANN's gradient-reversal coefficient λ_p = max·(2/(1+exp(−γp)) − 1): 0 at p = 0, → max as p → 1. */
export function dannLambda(p: number, max = 1, gamma = 10): number {
  return max * (2 / (1 + Math.exp(-gamma * clampProgress(p))) - 1);
}

/** DANN's annealed learning rate μ_p = μ₀/(1+αp)^β. */
export function dannLearningRate(mu0: number, p: number, alpha = 10, beta = 0.75): number {
  return mu0 / Math.pow(1 + alpha * clampProgress(p), beta);
}

/** Cosine annealing from `base` (p = 0) to `min` (p = 1). */
export function cosineSchedule(base: number, p: number, min = 0): number {
  return min + ((base - min) * (1 + Math.cos(Math.PI * clampProgress(p)))) / 2;
}

/** Step decay: base·gamma^⌊epoch/stepSize⌋ (epoch counted from 0). */
export function stepSchedule(base: number, epoch: number, stepSize: number, gamma = 0.1): number {
  if (!(stepSize > 0)) throw new Error(`stepSchedule: stepSize must be positive, got ${stepSize}`);
  return base * Math.pow(gamma, Math.floor(Math.max(0, epoch) / stepSize));
}
