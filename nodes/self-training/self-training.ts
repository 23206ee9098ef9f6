import { z } from 'zod';
import type { PlanLoss } from '../../formats/training-plan';
import { defineNode, type TermLoss } from '../core/define-node';
import { adaptationInputs, lossOutputs } from '../core/node-ports';

type SelfTrainingLoss = Extract<PlanLoss, { kind: 'selfTraining' }>;

/** The penalty measured on rotating moons (bench/transitive-bench.ts). */
const WEIGHT_DECAY_DEFAULT = 3e-3;

export const selfTrainingNode = defineNode({
  type: 'selfTraining',
  version: 2,
  category: 'adaptation',
  taxonomy: 'instance-based',
  title: 'Self-training (pseudo-labels)',
  inputs: adaptationInputs,
  outputs: lossOutputs,
  params: z.object({
    keep: z.number().min(0.05).max(1).default(0.9).describe('Share of each target batch kept for pseudo-labels: the most confident rows (Kumar et al. drop the least confident 10 %).'),
    sourceWeight: z.number().min(0).max(10).default(0).describe('Weight of the source labels during the self-training stages; 0 is pure self-training, as Kumar et al.'),
    weightDecay: z
      .number()
      .min(0)
      .max(0.1)
      .default(WEIGHT_DECAY_DEFAULT)
      .describe('L2 penalty (λ/2)·Σ‖W‖² on the kernels in every stage of the chain (source included). Kumar et al.’s analysis needs a regularised model; without it errors compound hop by hop.'),
  }),
  // v1 graphs ran without the penalty.
  migrate: (params, fromVersion) => (fromVersion < 2 ? { ...params, weightDecay: 0 } : params),
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
