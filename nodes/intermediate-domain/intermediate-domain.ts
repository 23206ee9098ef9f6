import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { datasetOptionsParam, datasetParam, nameParam } from '../core/common-params';
import { domainOutputs } from '../core/node-ports';
import { pinTwoMoonsSamples } from '../core/pin-defaults';
import { scalingParam } from '../core/scaling-param';

export const intermediateDomainNode = defineNode({
  type: 'intermediateDomain',
  version: 2,
  category: 'data',
  taxonomy: 'feature-based',
  title: 'Intermediate domain',
  inputs: [],
  outputs: domainOutputs,
  params: z.object({
    dataset: datasetParam('two-moons'),
    options: datasetOptionsParam,
    scaling: scalingParam,
    name: nameParam('intermediate'),
    order: z.number().int().min(1).max(1000).default(1).describe('Position in the transitive chain source → 1 → 2 → … → target.'),
    labelled: z.boolean().default(false).describe('Whether its labels may be used (they are not needed for adaptation).'),
  }),
  // Version 2: two moons' default `samples` went from 100 to 400 (60 → 120 test points: a steadier figure per seed).
  // `scaling` was added with a default (auto): older params need no lifting.
  migrate: (params, fromVersion) => (fromVersion < 2 ? pinTwoMoonsSamples(params) : params),
  docs: {
    summary:
      'A stepping stone between source and target. Wired into the extractor it makes a transitive chain: one adaptation stage per hop, each starting from the previous one. Wired only into an autoencoder’s unlabelled input, it is auxiliary pre-training data.',
    formula: 'source → intermediate₁ → … → intermediate_k → target',
    whenItHelps: 'When source and target are too far apart to adapt in one step, but a series of domains moves gradually between them.',
    whenItHurts: 'When the intermediate is not actually between the two: each hop adds its own shift. Rank candidates by MMD to source and target first.',
  },
});
