import type { PlanLoss, PlanStage, TrainingPlan } from '../../../formats/training-plan';

/**
 * A hand-written plan on two moons (source, target rotated `rotation`°): 2×10 ReLU MLP, Adam. Tests and the
 * benchmark build on it without depending on the compiler; `losses` makes it DANN, DDC, ...
 */
export function moonsPlan(
  opts: { losses?: PlanLoss[]; epochs?: number; seed?: number; rotation?: number; samples?: number; batchSize?: number; learningRate?: number; targetLabels?: TrainingPlan['domains'][number]['labels'] } = {},
): TrainingPlan {
  const samples = opts.samples ?? 100;
  const seed = opts.seed ?? 0;
  const losses = opts.losses ?? [];
  const adaptive = losses.length > 0;
  const stage: PlanStage = {
    name: 'train',
    nodeId: 'trainer',
    nodeType: 'trainer',
    kind: 'train',
    labelledDomains: ['src'],
    adapt: adaptive ? { from: 'src', to: 'tgt' } : null,
    losses: [{ kind: 'classification', weight: 1, domains: ['src'] }, ...losses],
    optimizer: { kind: 'adam', learningRate: opts.learningRate ?? 0.01, schedule: adaptive ? { kind: 'dann', alpha: 10, beta: 0.75 } : { kind: 'constant' } },
    epochs: opts.epochs ?? 60,
    batchSize: opts.batchSize ?? 32,
    frozen: [],
    init: 'scratch',
  };
  return {
    format: 'stepstone.plan',
    version: 3,
    graphName: 'moons',
    seed,
    device: 'any',
    domains: [
      { nodeId: 'src', nodeType: 'sourceDomain', name: 'source', role: 'source', order: 0, dataset: { kind: 'builtin', id: 'two-moons', options: { samples, rotation: 0, noise: 0.1, seed: seed + 1 } }, width: 2, classes: 2, imageShape: null, labels: 'all', testFraction: 0, validationFraction: 0.15 },
      {
        nodeId: 'tgt',
        nodeType: 'targetDomain',
        name: 'target',
        role: 'target',
        order: 1,
        dataset: { kind: 'builtin', id: 'two-moons', options: { samples: samples * 2, rotation: opts.rotation ?? 30, noise: 0.1, seed: seed + 2 } },
        width: 2,
        classes: 2,
        imageShape: null,
        labels: opts.targetLabels ?? 'none',
        testFraction: 0.5,
        validationFraction: 0.2,
      },
    ],
    model: {
      extractor: {
        nodeId: 'mlp',
        nodeType: 'mlpExtractor',
        kind: 'mlp',
        inputWidth: 2,
        imageShape: null,
        layers: [
          { kind: 'dense', name: 'extractor/dense_0', units: 10, activation: 'relu', dropout: 0 },
          { kind: 'dense', name: 'extractor/dense_1', units: 10, activation: 'relu', dropout: 0 },
        ],
        outputWidth: 10,
      },
      head: { kind: 'classifier', nodeId: 'head', nodeType: 'classifierHead', name: 'head', layers: [{ kind: 'dense', name: 'head/logits', units: 2, activation: 'linear', dropout: 0 }], classes: 2 },
    },
    stages: [stage],
    baselines: [{ kind: 'sourceOnly' }],
    evaluation: { nodeId: 'eval', targetDomain: 'tgt', metrics: ['accuracy', 'macroF1'], domainDistances: ['mmd', 'proxyA'], featureProjection: 'pca', repeats: 1, testCurve: false },
    export: null,
    objective: 'ℓ = ℓ_c',
  };
}

/**
 * The stable DANN set-up on rotated moons (measured over seeds, see bench/methods-bench.ts): full batches (100
 * source + 100 target per step, so the domain game is not driven by batch noise), 500 steps, Adam 0.01 annealed
 * μ_p = μ₀/(1+10p)^0.75, λ_p ramped 0 → 1.
 */
export const stableDann = { epochs: 500, batchSize: 100, learningRate: 0.01 } as const;

export const dannLoss: Extract<PlanLoss, { kind: 'domainAdversarial' }> = { kind: 'domainAdversarial', nodeId: 'dann', nodeType: 'domainAdversarial', hidden: [10], lambda: { kind: 'dann', max: 1, gamma: 10 }, weight: 1 };
