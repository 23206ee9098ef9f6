import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { activationParam, hiddenSizesParam } from '../core/common-params';
import { headInputs, modelOutputs } from '../core/node-ports';

const weight = (d: string) => z.number().min(0).max(100).default(1).describe(d);

export const multiTaskHeadNode = defineNode({
  type: 'multiTaskHead',
  version: 1,
  category: 'model',
  taxonomy: 'parameter-based',
  title: 'Multi-task heads',
  inputs: headInputs,
  outputs: modelOutputs,
  params: z.object({
    hidden: hiddenSizesParam([], 'per-task head'),
    activation: activationParam,
    sourceWeight: weight('w_s: weight of the source task’s loss.'),
    targetWeight: weight('w_t: weight of the labelled target task’s loss.'),
  }),
  docs: {
    summary: 'A shared trunk with one head per task (source task, labelled target task), trained jointly.',
    formula: 'ℓ = Σ_k w_k·ℓ_k = w_s·ℓ_c(source) + w_t·ℓ_c(target)',
    whenItHelps: 'When the tasks are related and the target has some labels: the shared trunk learns from both.',
    whenItHurts: 'When one task dominates (weights or sizes unbalanced) or the tasks conflict.',
  },
});
