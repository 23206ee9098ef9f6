import { expect } from 'vitest';

/**
 * The tolerance of backend parity tests. Every backend computes in float32, but GPU shaders sum in another order
 * (tiled matMul, tree reductions) and approximate exp/log differently, so results differ in the last bits
 * (measured ~1e-7 relative): 1e-4 relative to the largest magnitude passes those and fails a wrong gradient sign, a
 * missing term or a dropped λ, which are off by O(1).
 */
export const PARITY_RELATIVE = 1e-4;

/** The largest |a − b| relative to the largest |b|. */
export function worstRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(scale, 1e-6));
  return worst;
}
