import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { datasetOptionsParam, datasetParam, nameParam } from '../core/common-params';
import { domainOutputs } from '../core/node-ports';

export const targetDomainNode = defineNode({
  type: 'targetDomain',
  version: 1,
  category: 'data',
  title: 'Target domain',
  inputs: [],
  outputs: domainOutputs,
  params: z.object({
    dataset: datasetParam('two-moons'),
    options: datasetOptionsParam,
    name: nameParam('target'),
    labelledCount: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(0)
      .describe('How many target labels training may use (0 = unsupervised adaptation).'),
    testFraction: z.number().min(0.05).max(0.9).default(0.3).describe('Fraction of the target held out to measure success (never trained on).'),
  }),
  docs: {
    summary: 'The domain the model must work on. Few or no labels; a held-out part measures every run and its baselines.',
    formula: 'D_t = {x_j} drawn from P_t(X), optionally a few (x_j, y_j)',
    whenItHelps: 'A handful of labelled target samples (labelledCount) often beats any unsupervised adaptation; try it.',
    whenItHurts: 'A tiny test fraction gives noisy accuracies; a large labelledCount leaves little to transfer.',
  },
});
