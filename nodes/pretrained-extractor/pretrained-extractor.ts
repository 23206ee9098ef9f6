import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { extractorInputs, featureOutputs } from '../core/node-ports';

export const pretrainedExtractorNode = defineNode({
  type: 'pretrainedExtractor',
  version: 1,
  category: 'model',
  taxonomy: 'parameter-based',
  title: 'Pre-trained extractor',
  inputs: extractorInputs,
  outputs: featureOutputs,
  params: z.object({
    artifact: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - (a name given by an Export node)')
      .default('my-model')
      .describe('Name of a model exported earlier (TensorFlow.js format only; nothing else is ever loaded).'),
    featureWidth: z.number().int().min(1).max(4096).default(64).describe('Width of the exported model’s feature layer.'),
    freeze: z.boolean().default(true).describe('Keep the loaded weights fixed during training.'),
  }),
  docs: {
    summary: 'Loads the feature extractor of a model exported by an earlier run, and reuses its layers here.',
    formula: 'f = f_source (frozen or tuned)',
    whenItHelps: 'When the earlier model was trained on a large, related source: its features carry over.',
    whenItHurts: 'When the earlier task differs: frozen features that ignore what the target needs cap the accuracy.',
  },
});
