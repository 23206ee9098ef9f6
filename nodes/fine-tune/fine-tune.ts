import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { batchSizeParam, epochsParam, learningRateParam } from '../core/common-params';
import { continueInputs, trainedOutputs } from '../core/node-ports';

export const fineTuneNode = defineNode({
  type: 'fineTune',
  version: 1,
  category: 'training',
  taxonomy: 'parameter-based',
  title: 'Fine-tune',
  inputs: continueInputs,
  outputs: trainedOutputs,
  params: z.object({
    frozen: z
      .enum(['extractor', 'none', 'first-k'])
      .default('extractor')
      .describe('Layers kept fixed: the whole extractor, none, or the first k extractor layers.'),
    k: z.number().int().min(1).max(32).default(1).describe('With first-k: how many extractor layers to freeze.'),
    learningRate: learningRateParam(0.0001),
    epochs: epochsParam(30),
    batchSize: batchSizeParam(32),
  }),
  docs: {
    summary: 'Continues training a source model on the labelled target, keeping some layers frozen.',
    formula: 'θ_frozen fixed; θ_rest ← θ_rest − μ ∇ℓ_c(target)',
    whenItHelps: 'A few labelled target samples and a source model whose early layers are general.',
    whenItHurts: 'Too few target labels with nothing frozen: it forgets the source and overfits the handful of samples.',
  },
});
