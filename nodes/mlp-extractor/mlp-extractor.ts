import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { activationParam, dropoutParam, hiddenSizesParam } from '../core/common-params';
import { extractorInputs, featureOutputs } from '../core/node-ports';
import { pinDefaults } from '../core/pin-defaults';

export const mlpExtractorNode = defineNode({
  type: 'mlpExtractor',
  version: 2,
  category: 'model',
  title: 'MLP feature extractor',
  inputs: extractorInputs,
  outputs: featureOutputs,
  params: z.object({
    hidden: hiddenSizesParam([32, 32], 'dense (the last is the feature layer)', 1),
    activation: activationParam,
    dropout: dropoutParam,
  }),
  // Version 2: default hidden [10, 10] → [32, 32] (a 2×10 net made DANN unstable across seeds on two moons).
  migrate: (params, fromVersion) => (fromVersion < 2 ? pinDefaults(params, { hidden: [10, 10] }) : params),
  docs: {
    summary: 'Dense layers shared by every domain; the last layer is the feature stream that adaptation losses act on.',
    formula: 'f(x) = σ(W_k · … σ(W_1 x + b_1) … + b_k)',
    whenItHelps: 'Tabular or small inputs (two moons, TF-IDF, 8×8 digits).',
    whenItHurts: 'Images larger than a few hundred pixels: no weight sharing, many parameters, overfits small sources.',
  },
});
