import { z } from 'zod';
import type { PlanLoss } from '../../formats/training-plan';
import { defineNode, type TermLoss } from '../core/define-node';
import { adaptationInputs, lossOutputs } from '../core/node-ports';

type SelfTrainingLoss = Extract<PlanLoss, { kind: 'selfTraining' }>;

export const selfTrainingNode = defineNode({
  type: 'selfTraining',
  version: 1,
  category: 'adaptation',
  taxonomy: 'instance-based',
  title: 'Self-training (pseudo-labels)',
  inputs: adaptationInputs,
  outputs: lossOutputs,
  params: z.object({
    keep: z.number().min(0.05).max(1).default(0.9).describe('Share of each target batch kept for pseudo-labels: the most confident rows (Kumar et al. drop the least confident 10 %).'),
    sourceWeight: z.number().min(0).max(10).default(0).describe('Weight of the source labels during the self-training stages; 0 is pure self-training, as Kumar et al.'),
  }),
  term: {
    toPlan: ({ keep }): TermLoss<SelfTrainingLoss> => ({ kind: 'selfTraining', keep, weight: 1 }),
    formula: (l: SelfTrainingLoss, t) => `${t.coefficient(l.weight)}ℓ_c(pseudo-labels of the stage-start model, top ${Math.round(l.keep * 100)} %)`,
    summary: (l: SelfTrainingLoss) => `self-training on pseudo-labels (top ${Math.round(l.keep * 100)} %)`,
  },
  docs: {
    summary:
      'The model first learns the source; then each stage labels the next domain with the model it starts from (its most confident predictions) and trains on those pseudo-labels. Through intermediate domains this is gradual self-training (Kumar, Ma & Liang, ICML 2020); without them, direct self-training.',
    formula: 'θ₀ = fit(source); θ_k = argmin Σ_{x ∈ D_k, confident} ℓ_c(θ; x, argmax f_θ_{k−1}(x)), hop by hop to the target',
    whenItHelps: 'A large shift reached through a series of small ones (rotations, drift over time): each step is small enough for the previous model’s labels to be mostly right.',
    whenItHurts: 'One big step (no intermediates): the source model’s mistakes on the target become training labels and are reinforced.',
  },
});
