import type { TrainingPlan } from '../../../formats/training-plan';

/** A minimal valid plan (two-moons source → rotated target, one small MLP) for job-system tests. */
export function tinyPlan(overrides: { epochs?: number; device?: 'any' | 'gpu'; name?: string } = {}): TrainingPlan {
  const optimizer = { kind: 'adam' as const, learningRate: 0.01, schedule: { kind: 'constant' as const } };
  return {
    format: 'stepstone.plan',
    version: 3,
    graphName: overrides.name ?? 'tiny',
    seed: 1,
    device: overrides.device ?? 'any',
    domains: [
      { nodeId: 'src', nodeType: 'sourceDomain', name: 'source', role: 'source', order: 0, dataset: { kind: 'builtin', id: 'two-moons', options: { samples: 64 } }, width: 2, classes: 2, imageShape: null, labels: 'all', testFraction: 0, validationFraction: 0.15 },
      { nodeId: 'tgt', nodeType: 'targetDomain', name: 'target', role: 'target', order: 1, dataset: { kind: 'builtin', id: 'two-moons', options: { samples: 64, rotation: 30 } }, width: 2, classes: 2, imageShape: null, labels: 'none', testFraction: 0.5, validationFraction: 0 },
    ],
    model: {
      extractor: { nodeId: 'fx', nodeType: 'mlpExtractor', kind: 'mlp', inputWidth: 2, imageShape: null, layers: [{ kind: 'dense', name: 'fx_1', units: 8, activation: 'relu', dropout: 0 }], outputWidth: 8 },
      head: { kind: 'classifier', nodeId: 'head', nodeType: 'classifierHead', name: 'head', layers: [], classes: 2 },
    },
    stages: [
      { name: 'train', nodeId: 'trainer', nodeType: 'trainer', kind: 'train', labelledDomains: ['src'], adapt: null, losses: [{ kind: 'classification', weight: 1, domains: ['src'] }], optimizer, epochs: overrides.epochs ?? 3, batchSize: 32, frozen: [], init: 'scratch' },
    ],
    baselines: [],
    evaluation: { nodeId: null, targetDomain: 'tgt', metrics: ['accuracy'], domainDistances: [], featureProjection: 'none', repeats: 1, testCurve: false },
    export: null,
    objective: 'ℓ = ℓ_c',
  };
}
