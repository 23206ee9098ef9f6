import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { datasetOptionsParam, datasetParam, nameParam } from '../core/common-params';
import { domainOutputs } from '../core/node-ports';

export const sourceDomainNode = defineNode({
  type: 'sourceDomain',
  version: 1,
  category: 'data',
  title: 'Source domain',
  inputs: [],
  outputs: domainOutputs,
  params: z.object({
    dataset: datasetParam('two-moons'),
    options: datasetOptionsParam,
    name: nameParam('source'),
  }),
  docs: {
    summary: 'The labelled data set the knowledge comes from. Every label of the source is used for training.',
    formula: 'D_s = {(x_i, y_i)} drawn from P_s(X, Y)',
    whenItHelps: 'When it shares the task and most of the input distribution with the target: plenty of labels where the target has few.',
    whenItHurts: 'When P_s and P_t differ in what decides the label: the model learns the source rule and transfers it (negative transfer). Compare with the target-only baseline.',
  },
});
