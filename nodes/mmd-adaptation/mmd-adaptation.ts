import { z } from 'zod';
import type { PlanLoss } from '../../formats/training-plan';
import { defineNode, type FormulaText, type TermLoss } from '../core/define-node';
import { adaptationInputs, lossOutputs } from '../core/node-ports';
import { pinDefaults } from '../core/pin-defaults';
import { DAN_FAMILY_ALPHAS, DDC_ALPHAS, MEAN_MULTIPLE_ALPHAS, type MmdKernel, type MmdBandwidth } from './mmd-kernels';

type MmdLoss = Extract<PlanLoss, { kind: 'mmd' }>;

const mmdParams = z.object({
  variant: z.enum(['ddc', 'dan']).default('ddc').describe('ddc: one kernel on the features (Tzeng et al. 2014); dan: multi-kernel MMD on the task-specific layers (Long et al. 2015).'),
  layers: z
    .enum(['auto', 'features', 'task-specific', 'all-hidden', 'features+logits'])
    .default('auto')
    .describe(
      'Which activations to align. auto: features for DDC, task-specific for DAN. features: the last extractor layer; task-specific (DAN paper): the features, the head’s hidden layers and its logits; all-hidden: every extractor layer (includes the first, general one); features+logits: the features and the logits.',
    ),
  kernel: z
    .enum(['auto', 'linear', 'gaussian', 'gaussian-family'])
    .default('auto')
    .describe(
      'auto: gaussian for DDC, gaussian-family for DAN. linear: ⟨a, b⟩, MMD² = distance between the domain means (DDC paper); gaussian: exp(−d²/2σ²) with σ² = α × mean pairwise squared distance (α: one for DDC, 1/8…2 for DAN; this tool’s earlier DAN); gaussian-family: DAN paper’s 33 kernels, bandwidths 2⁻⁸γ … 2⁸γ in steps of 2^½ around the median heuristic γ.',
    ),
  lambda: z.number().min(0).max(100).default(8).describe('λ: weight of MMD² in the objective.'),
  estimator: z.enum(['unbiased', 'linear']).default('unbiased').describe('unbiased: all pairs, diagonal excluded; linear: O(n) estimate over sample pairs.'),
  alphas: z
    .array(z.number().positive().max(1000))
    .min(1)
    .max(10)
    .optional()
    .describe('Bandwidth multipliers α of the Gaussian kernels (of the mean distance for gaussian, of γ for gaussian-family). Unset: each kernel’s own list. Ignored by linear.'),
});

/**
 * Version 2 replaced v1's `kernel: 'single' | 'multi'` and `weight` by the method names (`variant`: DDC or DAN)
 * and the paper's λ (`lambda`). Version 3 raised the default λ from 0.5 to 8 (with the 2×32 default extractor,
 * λ 1–4 left DDC losing to source-only on some seeds of rotated two moons; 8 won on seeds 0–9). Version 4 added
 * `kernel` (linear for DDC's paper; Long et al.'s Gaussian family for DAN's) and the task-specific layers, both
 * `auto` by default: what each paper used. Older graphs keep what they ran with (features, mean-distance Gaussians).
 */
export const mmdAdaptationNode = defineNode({
  type: 'mmdAdaptation',
  version: 4,
  category: 'adaptation',
  taxonomy: 'feature-based',
  title: 'MMD adaptation (DDC / DAN)',
  inputs: adaptationInputs,
  outputs: lossOutputs,
  params: mmdParams,
  migrate: (params, fromVersion) => {
    if (fromVersion >= 4) return params;
    // Before version 4: the features and mean-distance Gaussians whatever the variant.
    const v3 = { layers: 'features', kernel: 'gaussian' };
    if (fromVersion >= 3) return pinDefaults(params, v3);
    if (fromVersion >= 2) return pinDefaults(params, { lambda: 0.5, ...v3 });
    const { kernel, weight, ...rest } = params;
    const variant = kernel === 'multi' ? 'dan' : 'ddc';
    return pinDefaults({ ...rest, variant, ...(weight !== undefined ? { lambda: weight } : {}) }, { lambda: 0.5, ...v3 });
  },
  term: {
    toPlan: (params, resolve): TermLoss<MmdLoss> => {
      const { layers, ...kernel } = resolveMmdParams(params);
      return { kind: 'mmd', variant: params.variant, layers: resolve(layers), weight: params.lambda, estimator: params.estimator, ...kernel };
    },
    formula: (l: MmdLoss, t) => `${t.coefficient(l.weight)}${l.variant === 'dan' ? 'MK-MMD²' : 'MMD²'}(${l.layers.join(', ')})`,
    summary: (l: MmdLoss, t) => `${l.variant.toUpperCase()} MMD λ=${t.num(l.weight)} on ${l.layers.join(', ')} (${l.estimator}, ${kernelText(l, t)})`,
  },
  docs: {
    summary: 'Adds the maximum mean discrepancy between source and target activations to the loss, pulling the two feature distributions together.',
    formula: 'ℓ = ℓ_c(D_s, y_s) + λ·Σ_layers MMD²(D_s, D_t); k(a,b) = ⟨a,b⟩ (linear) or (1/K)·Σ_u exp(−‖a−b‖²/2σ²_u)',
    whenItHelps: 'Covariate shift where the same features explain the label in both domains (rotated moons, MNIST→optdigits).',
    whenItHurts: 'When class proportions differ between domains, aligning marginals mixes classes; a large λ collapses features. If MMD “does nothing”, check the bandwidths.',
  },
});

type MmdParams = z.infer<typeof mmdParams>;
export type MmdLayerChoice = Exclude<MmdParams['layers'], 'auto'>;

/** What `auto` means per variant: each paper's own choice. */
const paperChoice = { ddc: { layers: 'features', kernel: 'gaussian' }, dan: { layers: 'task-specific', kernel: 'gaussian-family' } } as const;

/** The node's kernel and layer choice as the plan states them (`auto` resolved, the α list filled in). */
export function resolveMmdParams(params: MmdParams): { layers: MmdLayerChoice; kernel: MmdKernel; bandwidth?: MmdBandwidth; alphas: number[] } {
  const auto = paperChoice[params.variant];
  const layers = params.layers === 'auto' ? auto.layers : params.layers;
  const kernel = params.kernel === 'auto' ? auto.kernel : params.kernel;
  if (kernel === 'linear') return { layers, kernel: 'linear', alphas: [...DDC_ALPHAS] };
  if (kernel === 'gaussian-family') return { layers, kernel: 'gaussian', bandwidth: 'median', alphas: [...(params.alphas ?? DAN_FAMILY_ALPHAS)] };
  return { layers, kernel: 'gaussian', bandwidth: 'mean', alphas: [...(params.alphas ?? (params.variant === 'dan' ? MEAN_MULTIPLE_ALPHAS : DDC_ALPHAS))] };
}

function kernelText(l: MmdLoss, t: FormulaText): string {
  if (l.kernel === 'linear') return 'linear kernel';
  const base = l.bandwidth === 'median' ? 'median γ' : 'mean distance';
  const alphas = l.alphas.length > 6 ? `${l.alphas.length} Gaussians, α=${t.num(Math.min(...l.alphas))}…${t.num(Math.max(...l.alphas))}` : `α=${l.alphas.map(t.num).join('/')}`;
  return `${alphas} × ${base}`;
}
