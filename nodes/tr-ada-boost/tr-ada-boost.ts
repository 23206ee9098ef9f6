import { z } from 'zod';
import { defineNode } from '../core/define-node';

export const trAdaBoostNode = defineNode({
  type: 'trAdaBoost',
  version: 2,
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
    baseLearner: z
      .enum(['model', 'logistic'])
      .default('model')
      .describe('model: the graph’s model retrained each round; logistic: logistic regression on the inputs, fitted to convergence (L-BFGS, standardised inputs), as Dai et al. and ADAPT fit theirs.'),
    betaRule: z
      .enum(['adapt', 'dai'])
      .default('adapt')
      .describe(
        'How a round’s target error ε sets its β_t. adapt: ε/(2−ε) for any class count (ADAPT), valid while ε < 1 — boosting continues while the learner is still catching up with the few target rows. dai: ε/(1−ε) for two classes (Dai et al. 2007), which needs ε < ½ — boosting stops at the first round at or above it (often round 2 when the target rows are too few to move the learner).',
      ),
  }),
  // v1 used Dai's rule (with ε clamped to 0.49): keep that rule for saved graphs.
  migrate: (params, fromVersion) => (fromVersion < 2 ? { ...params, betaRule: 'dai' } : params),
  docs: {
    summary: 'Boosting over pooled source + labelled target: source samples the target disagrees with lose weight round after round.',
    formula:
      'ε_t on labelled target; β_t = ε_t/(2−ε_t) (adapt) or ε_t/(1−ε_t) (dai, stops at ε_t ≥ ½); β = 1/(1+√(2 ln n_S / N)); w_src ×= β^[h≠y]; w_tgt ×= β_t^(−[h≠y]); prediction Σ ln(1/β_t)·p_t(x) over rounds ⌈T/2⌉…T',
    whenItHelps: 'Few labelled target samples and a source that is partly relevant (some source samples mislead).',
    whenItHurts: 'It must beat simply pooling source and target (the source+target baseline); with tiny targets ε_t is noisy.',
  },
});
