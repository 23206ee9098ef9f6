import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { activationParam, epochsParam, hiddenSizesParam } from '../core/common-params';
import { extractorInputs, featureOutputs } from '../core/node-ports';

export const autoencoderNode = defineNode({
  type: 'autoencoder',
  version: 2,
  category: 'model',
  taxonomy: 'feature-based',
  title: 'Autoencoder (self-taught)',
  inputs: [
    ...extractorInputs,
    { name: 'unlabelled', type: 'domain', label: 'Unlabelled data', multiple: true, description: 'Extra data used only for reconstruction pre-training; labels ignored.' },
  ],
  outputs: featureOutputs,
  params: z.object({
    hidden: hiddenSizesParam([64], 'encoder'),
    codeWidth: z.number().int().min(1).max(4096).default(32).describe('Width of the code (the feature layer).'),
    activation: activationParam,
    pretrainEpochs: epochsParam(20).describe('Epochs of reconstruction pre-training before the supervised stage.'),
    encoder: z
      .enum(['frozen', 'fineTune'])
      .default('frozen')
      .describe('After pre-training: frozen keeps the learned features fixed and trains only the head on them (Raina et al. 2007, self-taught learning); fineTune also updates the encoder on the labelled task.'),
  }),
  // v1 fine-tuned the encoder in the supervised stage: saved graphs keep doing so.
  migrate: (params, fromVersion) => (fromVersion < 2 ? { ...params, encoder: 'fineTune' } : params),
  docs: {
    summary: 'Learns features by reconstructing unlabelled inputs (encoder → code → decoder), then the labelled task trains on the code.',
    formula: 'ℓ_rec = ‖x − g(f(x))‖², then ℓ_c(h(f(x)), y) with f fixed (encoder: frozen, the paper) or tuned too (fineTune)',
    whenItHelps: 'Few labels but much unlabelled data of the same kind (it need not share the target’s classes).',
    whenItHurts: 'When reconstruction keeps details that do not matter for the labels (e.g. background), the code wastes capacity.',
  },
});
