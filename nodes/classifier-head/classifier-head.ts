import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { activationParam, hiddenSizesParam } from '../core/common-params';
import { headInputs, modelOutputs } from '../core/node-ports';

export const classifierHeadNode = defineNode({
  type: 'classifierHead',
  version: 1,
  category: 'model',
  title: 'Classifier head',
  inputs: headInputs,
  outputs: modelOutputs,
  params: z.object({ hidden: hiddenSizesParam([], 'head'), activation: activationParam }),
  docs: {
    summary: 'Optional dense layers, then a softmax over the source classes (layer head/logits).',
    formula: 'p(y|x) = softmax(W · f(x) + b)',
    whenItHelps: 'Always needed for classification; keep it small so the extractor carries the transferable part.',
    whenItHurts: 'A deep head trained on the source alone can overfit source-specific decision boundaries.',
  },
});
