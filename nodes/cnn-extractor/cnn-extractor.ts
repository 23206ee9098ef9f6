import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { activationParam } from '../core/common-params';
import { extractorInputs, featureOutputs } from '../core/node-ports';

export const cnnExtractorNode = defineNode({
  type: 'cnnExtractor',
  version: 1,
  category: 'model',
  title: 'CNN feature extractor',
  inputs: extractorInputs,
  outputs: featureOutputs,
  params: z.object({
    filters: z.array(z.number().int().min(1).max(512)).min(1).max(6).default([16, 32]).describe('Filters of each conv block (conv → max-pool).'),
    kernelSize: z.number().int().min(1).max(11).default(3).describe('Square kernel size of every convolution (padding "same").'),
    poolSize: z.number().int().min(1).max(4).default(2).describe('Max-pool size after each convolution (1 = no pooling).'),
    featureWidth: z.number().int().min(1).max(4096).default(64).describe('Units of the dense feature layer after flattening.'),
    activation: activationParam,
  }),
  docs: {
    summary: 'Convolution blocks then one dense feature layer. Needs image-shaped domains (height × width × channels).',
    formula: 'f(x) = σ(W · flatten(pool(σ(conv_k(… conv_1(x))))))',
    whenItHelps: 'Images: digits, clothing. Shares weights across positions, so it needs far fewer samples than an MLP.',
    whenItHurts: 'Non-image data (no spatial structure); too many pooling steps shrink small images to nothing.',
  },
});
