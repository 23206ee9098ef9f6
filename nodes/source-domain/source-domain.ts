import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { datasetOptionsParam, datasetParam, nameParam } from '../core/common-params';
import { domainOutputs } from '../core/node-ports';
import { pinTwoMoonsSamples } from '../core/pin-defaults';
import { scalingParam } from '../core/scaling-param';

export const sourceDomainNode = defineNode({
  type: 'sourceDomain',
  version: 2,
  category: 'data',
  title: 'Source domain',
  inputs: [],
  outputs: domainOutputs,
  params: z.object({
    dataset: datasetParam('two-moons'),
    options: datasetOptionsParam,
    scaling: scalingParam,
    name: nameParam('source'),
    validationFraction: z
      .number()
      .min(0)
      .max(0.5)
      .default(0.15)
      .describe('Share of the source held out as a validation split: never trained on; live curves and model choice use it.'),
  }),
  // Version 2: two moons' default `samples` went from 100 to 400 (60 → 120 test points: a steadier figure per seed).
  // `scaling` was added with a default (auto): older params need no lifting.
  migrate: (params, fromVersion) => (fromVersion < 2 ? pinTwoMoonsSamples(params) : params),
  docs: {
    summary: 'The labelled data set the knowledge comes from. Its labels train the model, except a validation split (default 15 %) that measures it while it trains.',
    formula: 'D_s = {(x_i, y_i)} drawn from P_s(X, Y)',
    whenItHelps: 'When it shares the task and most of the input distribution with the target: plenty of labels where the target has few.',
    whenItHurts: 'When P_s and P_t differ in what decides the label: the model learns the source rule and transfers it (negative transfer). Compare with the target-only baseline.',
  },
});
