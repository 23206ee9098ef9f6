/** The runs `npm run bench -- e2e` times: what users run, each on one seed (the method and its source-only baseline). */
import type { TrainingPlan } from '../../formats/training-plan';
import { dannLoss, moonsPlan } from '../../server/runtime/test-support/moons-plan';
import { digitsDann, digitsPlan, templatePlan } from '../methods-bench';

export interface E2eCase {
  readonly name: string;
  readonly plan: () => TrainingPlan;
}

/** ADAPT's published two-moons set-up: 100 points per domain, 2×10 ReLU MLP, Adam 1e-3 (constant), 800 epochs, batch 34. */
function adaptMoons(loss: TrainingPlan['stages'][number]['losses'][number]): TrainingPlan {
  const plan = moonsPlan({ losses: [loss], epochs: 800, batchSize: 34, learningRate: 1e-3, samples: 100 });
  plan.stages[0]!.optimizer = { kind: 'adam', learningRate: 1e-3, schedule: { kind: 'constant' } };
  return plan;
}

const layers = ['extractor/dense_0', 'extractor/dense_1'];
const oneSeed = (plan: TrainingPlan): TrainingPlan => ({ ...plan, evaluation: { ...plan.evaluation, repeats: 1 } });

export const e2eCases: readonly E2eCase[] = [
  { name: 'moons DANN (ADAPT 2×10, 800 ep, batch 34)', plan: () => adaptMoons(dannLoss) },
  { name: 'moons DAN (ADAPT 2×10, 800 ep, batch 34)', plan: () => adaptMoons({ kind: 'mmd', nodeId: 'dan', nodeType: 'mmdAdaptation', variant: 'dan', layers, weight: 1, estimator: 'unbiased', alphas: [0.125, 0.25, 0.5, 1, 2] }) },
  { name: 'moons DDC (ADAPT 2×10, 800 ep, batch 34)', plan: () => adaptMoons({ kind: 'mmd', nodeId: 'ddc', nodeType: 'mmdAdaptation', variant: 'ddc', layers: ['extractor/dense_1'], weight: 1, estimator: 'unbiased', alphas: [1] }) },
  { name: 'template dann.json', plan: () => oneSeed(templatePlan('dann', 0)) },
  { name: 'template dan.json', plan: () => oneSeed(templatePlan('dan', 0)) },
  { name: 'template ddc.json', plan: () => oneSeed(templatePlan('ddc', 0)) },
  { name: 'MNIST→optdigits DANN (64→128→64, 40 ep, batch 64)', plan: () => digitsPlan([digitsDann], 0) },
];
