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
