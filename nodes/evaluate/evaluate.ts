import { z } from 'zod';
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
  }),
  docs: {
    summary: 'Measures the model on the held-out target beside its no-transfer baselines (source-only always), and the distance between domains.',
    formula: 'gain = acc(method) − acc(source-only); proxy A = 2(1 − 2ε_domain)',
    whenItHelps: 'Always: a negative gain means negative transfer, and the run says so.',
    whenItHurts: 'Baselines cost extra training time (one model each).',
  },
});
