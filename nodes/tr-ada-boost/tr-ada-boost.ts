import { z } from 'zod';
import { defineNode } from '../core/define-node';

export const trAdaBoostNode = defineNode({
  type: 'trAdaBoost',
  version: 1,
  category: 'training',
  taxonomy: 'instance-based',
  title: 'TrAdaBoost reweighting',
  inputs: [
    { name: 'source', type: 'domain', label: 'Source', required: true },
    { name: 'target', type: 'domain', label: 'Labelled target', required: true, description: 'Must have labels (labelledCount > 0).' },
  ],
  outputs: [{ name: 'weights', type: 'sampleWeights', label: 'Sample weights' }],
  params: z.object({
    rounds: z.number().int().min(1).max(200).default(20).describe('N: boosting rounds; the vote uses rounds ⌈N/2⌉…N.'),
    baseLearner: z.enum(['model', 'logistic']).default('model').describe('model: the graph’s model retrained each round; logistic: a fast linear learner.'),
  }),
  docs: {
    summary: 'Boosting over pooled source + labelled target: source samples the target disagrees with lose weight round after round.',
    formula:
      'ε_t on labelled target; β_t = ε_t/(1−ε_t); β = 1/(1+√(2 ln n_S / N)); w_src ×= β^[h≠y]; w_tgt ×= β_t^(−[h≠y])',
    whenItHelps: 'Few labelled target samples and a source that is partly relevant (some source samples mislead).',
    whenItHurts: 'It must beat simply pooling source and target (the source+target baseline); with tiny targets ε_t is noisy.',
  },
});
