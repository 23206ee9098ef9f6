import { z } from 'zod';
import { defineNode } from '../core/define-node';

export const exportModelNode = defineNode({
  type: 'exportModel',
  version: 1,
  category: 'evaluation',
  title: 'Export model',
  inputs: [{ name: 'trained', type: 'trainedModel', label: 'Trained model', required: true }],
  outputs: [],
  params: z.object({
    name: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - and no leading dot (it becomes a file name)')
      .default('my-model')
      .describe('Artifact name; a Pre-trained extractor can load it later.'),
  }),
  docs: {
    summary: 'Saves the trained model in TensorFlow.js format under a name, for download or reuse as a pre-trained extractor.',
    whenItHelps: 'Keeping the best model of a comparison; chaining experiments.',
    whenItHurts: 'Never at training time; an existing artifact of the same name is replaced.',
  },
});
