import { z } from 'zod';
import type { PlanLoss } from '../../formats/training-plan';
import { defineNode, type TermLoss } from '../core/define-node';
import { adaptationInputs, lossOutputs } from '../core/node-ports';

type CoralLoss = Extract<PlanLoss, { kind: 'term' }>;

/** Deep CORAL (Sun & Saenko 2016): align the second-order statistics (covariances) of source and target activations. */
export const coralAdaptationNode = defineNode({
  type: 'coralAdaptation',
  version: 1,
  category: 'adaptation',
  taxonomy: 'feature-based',
  title: 'CORAL adaptation',
  inputs: adaptationInputs,
  outputs: lossOutputs,
  params: z.object({
    layers: z.enum(['features', 'all-hidden']).default('features').describe('Which activations to align: the feature layer, or every extractor layer.'),
    // The 1/4d² scale makes the term small on wide features: 100 is where the template's set-up starts to gain.
    lambda: z.number().min(0).max(10000).default(100).describe('λ: weight of the CORAL loss in the objective (the loss is divided by 4d², so λ is large).'),
  }),
  term: {
    toPlan: ({ layers, lambda }, resolve): TermLoss<CoralLoss> => ({ kind: 'term', symbol: 'CORAL', weight: lambda, layers: resolve(layers), settings: {} }),
    formula: (l: CoralLoss, t) => `${t.coefficient(l.weight)}CORAL(${l.layers.join(', ')})`,
    summary: (l: CoralLoss, t) => `CORAL λ=${t.num(l.weight)} on ${l.layers.join(', ')}`,
  },
  docs: {
    summary: 'Adds the distance between the source and target feature covariances to the loss, so that both domains’ features spread the same way.',
    formula: 'ℓ = ℓ_c(D_s, y_s) + λ·‖C_s − C_t‖²_F / 4d²; C = (XᵀX − (1ᵀX)ᵀ(1ᵀX)/n) / (n − 1)',
    whenItHelps: 'Shifts that stretch, rotate or rescale the features (rotated moons, sensor gain changes); cheap, with no bandwidth or adversary to tune.',
    whenItHurts: 'Matches only means’ spread, not the means or the class structure: under label shift or a translation it aligns the wrong things. Small batches give noisy covariances; a large λ shrinks the features.',
  },
});
