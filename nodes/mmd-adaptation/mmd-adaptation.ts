import { z } from 'zod';
import type { PlanLoss } from '../../formats/training-plan';
import { defineNode, type TermLoss } from '../core/define-node';
import { adaptationInputs, lossOutputs } from '../core/node-ports';
import { pinDefaults } from '../core/pin-defaults';

/** Bandwidth multipliers when the user leaves `alphas` empty: DDC's one kernel, DAN's five (Long et al. 2015). */
export const defaultAlphas = { ddc: [1], dan: [0.125, 0.25, 0.5, 1, 2] } as const;

type MmdLoss = Extract<PlanLoss, { kind: 'mmd' }>;

/**
 * Version 2 replaced v1's `kernel: 'single' | 'multi'` and `weight` by the method names (`variant`: DDC or DAN)
 * and the paper's λ (`lambda`). Version 3 raised the default λ from 0.5 to 8 (with the 2×32 default extractor,
 * λ 1–4 left DDC losing to source-only on some seeds of rotated two moons; 8 won on seeds 0–9).
 */
export const mmdAdaptationNode = defineNode({
  type: 'mmdAdaptation',
  version: 3,
  category: 'adaptation',
  taxonomy: 'feature-based',
  title: 'MMD adaptation (DDC / DAN)',
  inputs: adaptationInputs,
  outputs: lossOutputs,
  params: z.object({
    variant: z.enum(['ddc', 'dan']).default('ddc').describe('ddc: one Gaussian kernel on the features; dan: multi-kernel MMD, usually on several layers.'),
    layers: z
      .enum(['features', 'all-hidden', 'features+logits'])
      .default('features')
      .describe('Which activations to align: the feature layer, every extractor layer, or features and the logits.'),
    lambda: z.number().min(0).max(100).default(8).describe('λ: weight of MMD² in the objective.'),
    estimator: z.enum(['unbiased', 'linear']).default('unbiased').describe('unbiased: all pairs, diagonal excluded; linear: O(n) estimate over sample pairs.'),
    alphas: z
      .array(z.number().positive().max(1000))
      .min(1)
      .max(10)
      .optional()
      .describe('Bandwidth multipliers α: σ² = α · mean pairwise squared distance. Unset: [1] for DDC, [0.125, 0.25, 0.5, 1, 2] for DAN.'),
  }),
  migrate: (params, fromVersion) => {
    if (fromVersion >= 3) return params;
    if (fromVersion >= 2) return pinDefaults(params, { lambda: 0.5 });
    const { kernel, weight, ...rest } = params;
    const variant = kernel === 'multi' ? 'dan' : 'ddc';
    return pinDefaults({ ...rest, variant, ...(weight !== undefined ? { lambda: weight } : {}) }, { lambda: 0.5 });
  },
  term: {
    toPlan: ({ variant, layers, lambda, estimator, alphas }, resolve): TermLoss<MmdLoss> => ({ kind: 'mmd', variant, layers: resolve(layers), weight: lambda, estimator, alphas: alphas ?? [...defaultAlphas[variant]] }),
    formula: (l: MmdLoss, t) => `${t.coefficient(l.weight)}${l.variant === 'dan' ? 'MK-MMD²' : 'MMD²'}(${l.layers.join(', ')})`,
    summary: (l: MmdLoss, t) => `${l.variant.toUpperCase()} MMD λ=${t.num(l.weight)} on ${l.layers.join(', ')} (${l.estimator}, α=${l.alphas.map(t.num).join('/')})`,
  },
  docs: {
    summary: 'Adds the maximum mean discrepancy between source and target activations to the loss, pulling the two feature distributions together.',
    formula: 'ℓ = ℓ_c(D_s, y_s) + λ·MMD²(D_s, D_t); k(a,b) = Σ_α exp(−‖a−b‖²/2σ²_α)',
    whenItHelps: 'Covariate shift where the same features explain the label in both domains (rotated moons, MNIST→optdigits).',
    whenItHurts: 'When class proportions differ between domains, aligning marginals mixes classes; a large λ collapses features. If MMD “does nothing”, check the bandwidths.',
  },
});
