import { z } from 'zod';
import { limits } from '../../formats/limits';
import { defineNode } from '../core/define-node';
import { activationParam, hiddenSizesParam } from '../core/common-params';
import { headInputs, modelOutputs } from '../core/node-ports';
import { sevenSegmentAttributes } from './seven-segment';

export const zeroShotHeadNode = defineNode({
  type: 'zeroShotHead',
  version: 1,
  category: 'model',
  taxonomy: 'feature-based',
  title: 'Zero-shot head',
  inputs: headInputs,
  outputs: modelOutputs,
  params: z.object({
    hidden: hiddenSizesParam([], 'embedding'),
    activation: activationParam,
    classAttributes: z
      .string()
      .min(1)
      .max(limits.maxParamStringLength)
      .default(sevenSegmentAttributes)
      .describe('One row per class of numbers (its attribute vector), comma separated; lines starting with # are comments.'),
    unseenClasses: z
      .array(z.number().int().min(0).max(999))
      .max(100)
      .default([3, 8])
      .describe('Classes withheld from training, recognised from their attributes alone.'),
  }),
  docs: {
    summary: 'Regresses features onto class attribute vectors and predicts the nearest class vector, so classes never seen in training can still be recognised.',
    formula: 'ŷ = argmin_c ‖g(f(x)) − a_c‖², trained with ‖g(f(x)) − a_y‖²',
    whenItHelps: 'When classes are described by shared attributes (segments of a digit, parts of an object) and some classes have no samples.',
    whenItHurts: 'When attributes do not separate the unseen classes from the seen ones, or are not visible in the input.',
  },
});
