import { z } from 'zod';

/**
 * A domain node's feature scaling. Statistics always come from the source's training rows (never test rows) and
 * are applied to every domain that asks for scaling. `auto`: standardise an uploaded table, leave built-ins as
 * they are (they come scaled already).
 */
export const scalingParam = z
  .enum(['auto', 'none', 'standardise', 'minmax'])
  .default('auto')
  .describe('Feature scaling with the source’s training-row statistics: auto (standardise uploads, built-ins as they are), none, standardise (mean 0, std 1) or min–max ([0, 1]).');

/**
 * Version 3 of the domain nodes added `scaling`. An older node on an upload keeps its raw features (as it trained);
 * on a built-in, auto changes nothing — and a template switched to an upload later gets standardised.
 */
export function pinScalingNone(params: Record<string, unknown>): Record<string, unknown> {
  const upload = typeof params.dataset === 'string' && params.dataset.startsWith('upload:');
  return { ...params, scaling: upload ? 'none' : 'auto' };
}
