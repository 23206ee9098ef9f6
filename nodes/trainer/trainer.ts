import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { batchSizeParam, epochsParam, learningRateParam } from '../core/common-params';
import { trainedOutputs } from '../core/node-ports';
import { pinDefaults } from '../core/pin-defaults';

export const trainerNode = defineNode({
  type: 'trainer',
  version: 2,
  category: 'training',
  title: 'Trainer',
  inputs: [
    { name: 'model', type: 'model', label: 'Model', required: true },
    { name: 'losses', type: 'loss', label: 'Extra losses', multiple: true, description: 'Adaptation terms added to the classification loss.' },
    { name: 'weights', type: 'sampleWeights', label: 'Sample weights', description: 'With TrAdaBoost wired here, the stage is a boosting stage.' },
  ],
  outputs: trainedOutputs,
  params: z.object({
    optimizer: z.enum(['adam', 'sgd', 'momentum', 'rmsprop']).default('adam').describe('Optimiser.'),
    learningRate: learningRateParam(0.02),
    schedule: z
      .enum(['auto', 'constant', 'dann', 'cosine', 'step'])
      .default('auto')
      .describe('Learning-rate schedule. auto: dann when an adaptation term (MMD, DANN) is wired, else constant; dann: μ_p = μ₀/(1+10p)^0.75; step: × factor every N epochs.'),
    stepEvery: z.number().int().min(1).max(10_000).default(10).describe('Step schedule: epochs between decays.'),
    stepFactor: z.number().positive().max(1).default(0.5).describe('Step schedule: multiplier at each decay.'),
    epochs: epochsParam(500),
    batchSize: batchSizeParam(512),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(0).describe('Seed of initialisation, shuffling and splits (baselines use the same).'),
    device: z.enum(['any', 'gpu']).default('any').describe('gpu: wait for a worker with a GPU; any: run wherever.'),
  }),
  // Version 2 changed the defaults (lr 0.001 → 0.02, schedule constant → auto, epochs 100 → 500, batch 32 → 512):
  // on two moons rotated 30° built from palette defaults the old ones gave DDC, DAN and DANN no gain (seeds 0–2);
  // these beat source-only on every seed 0–9 (bench: methods, 'palette defaults' rows).
  migrate: (params, fromVersion) => (fromVersion < 2 ? pinDefaults(params, { learningRate: 0.001, schedule: 'constant', epochs: 100, batchSize: 32 }) : params),
  docs: {
    summary: 'Trains the model on the labelled source (and target labels when given) plus every extra loss wired in.',
    formula: 'ℓ = ℓ_c + Σ extra terms; θ ← θ − μ_p ∇ℓ',
    whenItHelps: 'Always: the stage every pipeline needs. Transitive chains run it once per hop.',
    whenItHurts: 'Too many epochs on a small source overfit it; a learning rate too high makes adversarial terms diverge.',
  },
});
