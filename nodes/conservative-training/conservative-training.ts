import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { batchSizeParam, epochsParam, learningRateParam } from '../core/common-params';
import { continueInputs, trainedOutputs } from '../core/node-ports';

export const conservativeTrainingNode = defineNode({
  type: 'conservativeTraining',
  version: 1,
  category: 'training',
  taxonomy: 'parameter-based',
  title: 'Conservative training',
  inputs: continueInputs,
  outputs: trainedOutputs,
  params: z.object({
    mu: z.number().min(0).max(1000).default(1).describe('μ: how strongly the new model’s outputs are held to the old model’s.'),
    learningRate: learningRateParam(0.0001),
    epochs: epochsParam(30),
    batchSize: batchSizeParam(32),
  }),
  docs: {
    summary: 'Fine-tuning that keeps the new model’s outputs close to the model it started from, on the same samples.',
    formula: 'ℓ = ℓ_c(target) + μ·‖f_new(x) − f_old(x)‖²',
    whenItHelps: 'Very few target labels: the penalty stops the model drifting away from what the source taught.',
    whenItHurts: 'A large μ when the target really differs: the model cannot move far enough.',
  },
});
