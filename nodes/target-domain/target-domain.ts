import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { datasetOptionsParam, datasetParam, nameParam } from '../core/common-params';
import { domainOutputs } from '../core/node-ports';
import { pinTwoMoonsSamples } from '../core/pin-defaults';
import { scalingParam } from '../core/scaling-param';

export const targetDomainNode = defineNode({
  type: 'targetDomain',
  version: 2,
  category: 'data',
  title: 'Target domain',
  inputs: [],
  outputs: domainOutputs,
  params: z.object({
    dataset: datasetParam('two-moons'),
    options: datasetOptionsParam,
    scaling: scalingParam,
    name: nameParam('target'),
    labelledCount: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(0)
      .describe('How many target labels the run may use (0 = unsupervised adaptation). Includes the target validation split taken out of them.'),
    testFraction: z.number().min(0.05).max(0.9).default(0.3).describe('Fraction of the target held out as the test split: scored once per model at the end of training, never trained or tuned on.'),
    validationFraction: z
      .number()
      .min(0)
      .max(0.5)
      .default(0.2)
      .describe('Share of the labelled budget (labelledCount) kept as a target validation split (not trained on; picks the strongest baseline). Fewer than 5 rows: no split.'),
  }),
  // Version 2: two moons' default `samples` went from 100 to 400 (60 → 120 test points: a steadier figure per seed).
  // `scaling` was added with a default (auto): older params need no lifting.
  migrate: (params, fromVersion) => (fromVersion < 2 ? pinTwoMoonsSamples(params) : params),
  docs: {
    summary: 'The domain the model must work on. Few or no labels; a held-out test split measures every run and its baselines once, at the end. With labelledCount > 0, validationFraction of those labels form a target validation split (labelledCount includes them).',
    formula: 'D_t = {x_j} drawn from P_t(X), optionally a few (x_j, y_j)',
    whenItHelps: 'A handful of labelled target samples (labelledCount) often beats any unsupervised adaptation; try it.',
    whenItHurts: 'A tiny test fraction gives noisy accuracies; a large labelledCount leaves little to transfer.',
  },
});
