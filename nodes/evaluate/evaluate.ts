import { z } from 'zod';
import { DEFAULT_VALIDATOR_POINTS } from '../../formats/validators';
import { defineNode } from '../core/define-node';

export const evaluateNode = defineNode({
  type: 'evaluate',
  version: 1,
  category: 'evaluation',
  title: 'Evaluate',
  inputs: [{ name: 'trained', type: 'trainedModel', label: 'Trained model', required: true }],
  outputs: [{ name: 'report', type: 'report', label: 'Report' }],
  params: z.object({
    metrics: z.array(z.enum(['accuracy', 'macroF1', 'loss'])).min(1).max(3).default(['accuracy', 'macroF1']).describe('Metrics on the held-out target.'),
    targetOnly: z.boolean().default(true).describe('Also train a target-only baseline (when the target has labels).'),
    sourcePlusTarget: z.boolean().default(false).describe('Also train on pooled source + target labels (always on for TrAdaBoost).'),
    domainDistances: z.array(z.enum(['mmd', 'proxyA'])).max(2).default(['mmd', 'proxyA']).describe('Distances between domains, on inputs and features.'),
    featureProjection: z.enum(['pca', 'none']).default('pca').describe('A 2-D picture of source vs target features.'),
    repeats: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(3)
      .describe('Seeds per model (trainer seed, +1, +2, …): each changes initialisation, shuffling and splits; results carry mean ± std and a 95 % interval of the gain.'),
    validatorPoints: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(DEFAULT_VALIDATOR_POINTS)
      .describe('Points of each model’s training (evenly spaced, plus its end) at which the label-free validators (IM, SND, DEV, source-validation accuracy) are scored, for picking a checkpoint or a sweep member without target labels.'),
    testCurve: z.boolean().default(false).describe('Also score the test split every epoch. Off by default: tuning on the test split makes its figure optimistic.'),
  }),
  docs: {
    summary: 'Trains the method and its no-transfer baselines (source-only always; with target labels, target-only and source + target) on the same seeds and step budget, scores each once on the target test split, and reports the paired gain with its 95 % interval, a verdict and domain distances before and after training.',
    formula: 'gain_s = acc_s(method) − acc_s(baseline) per seed s; 95 % CI = mean ± t₀.₉₇₅,ₙ₋₁·sd/√n; proxy A = 2(1 − 2ε_domain)',
    whenItHelps: 'Always: a negative gain means negative transfer, and the run says so.',
    whenItHurts: 'Baselines cost extra training time (one model each).',
  },
});
