import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { hiddenSizesParam } from '../core/common-params';
import { adaptationInputs, lossOutputs } from '../core/node-ports';
import { pinDefaults } from '../core/pin-defaults';

export const domainAdversarialNode = defineNode({
  type: 'domainAdversarial',
  version: 2,
  category: 'adaptation',
  taxonomy: 'feature-based',
  title: 'Domain-adversarial (DANN)',
  inputs: adaptationInputs,
  outputs: lossOutputs,
  params: z.object({
    hidden: hiddenSizesParam([32], 'domain classifier'),
    lambdaSchedule: z.enum(['dann', 'constant']).default('dann').describe('dann: λ_p rises from 0 to λ_max as training progresses; constant: λ_max throughout.'),
    lambdaMax: z.number().min(0).max(100).default(1).describe('λ_max: strength of the reversed gradient.'),
    gamma: z.number().positive().max(100).default(10).describe('γ of λ_p = λ_max·(2/(1+exp(−γp)) − 1).'),
  }),
  // Version 2: default domain classifier [64] → [32] (measured steadier with the 2×32 default extractor).
  migrate: (params, fromVersion) => (fromVersion < 2 ? pinDefaults(params, { hidden: [64] }) : params),
  docs: {
    summary: 'A domain classifier behind a gradient-reversal layer: the extractor learns features that predict labels but not the domain.',
    formula: 'forward: identity; backward: −λ_p·∇. λ_p = 2/(1+exp(−10p)) − 1; ℓ = ℓ_c + ℓ_d (BCE, source = 1, target = 0)',
    whenItHelps: 'Covariate shift with enough unlabelled target data; strong on digits and rotated moons.',
    whenItHurts: 'Unstable: results swing with λ, learning rate and seed. With label shift it aligns the wrong classes. Watch the baseline.',
  },
});
