import type { Boundary, ModelResult, RunResult, SeedStat } from '../../formats/run-events';

/** Synthetic inputs for the run page's pure helpers; every figure is derived from the per-seed values given. */

export function stat(perSeed: number[]): SeedStat {
  const mean = perSeed.reduce((a, v) => a + v, 0) / perSeed.length;
  const std = perSeed.length > 1 ? Math.sqrt(perSeed.reduce((a, v) => a + (v - mean) ** 2, 0) / (perSeed.length - 1)) : 0;
  return { mean, std, perSeed };
}

export const seeds = [0, 1, 2];

export function model(test: number[], feature?: { mmd: number[]; proxyA: number[] }): ModelResult {
  return {
    steps: 100,
    splits: {
      test: { accuracy: stat(test), macroF1: stat(test.map((v) => v - 0.01)) },
      targetValidation: { accuracy: stat(test.map((v) => v + 0.02)) },
      sourceValidation: { accuracy: stat(test.map((v) => Math.min(1, v + 0.1))) },
    },
    featureDistance: feature ? { mmd: stat(feature.mmd), proxyA: stat(feature.proxyA) } : undefined,
  };
}

export const methodAcc = [0.9, 0.88, 0.93];
export const sourceOnlyAcc = [0.75, 0.8, 0.77];
export const targetOnlyAcc = [0.82, 0.85, 0.8];

/** A three-seed result; the gain is the paired difference against `baseline`. */
export function makeResult(over: Partial<RunResult> = {}, baseline: 'sourceOnly' | 'targetOnly' = 'sourceOnly'): RunResult {
  const base = baseline === 'sourceOnly' ? sourceOnlyAcc : targetOnlyAcc;
  const diffs = methodAcc.map((v, i) => v - base[i]!);
  const g = stat(diffs);
  return {
    version: 3,
    backend: 'wasm',
    seeds,
    durationMs: 4321,
    models: {
      method: model(methodAcc, { mmd: [0.05, 0.06, 0.04], proxyA: [0.2, 0.25, 0.22] }),
      sourceOnly: model(sourceOnlyAcc, { mmd: [0.4, 0.5, 0.45], proxyA: [0.9, 0.95, 0.85] }),
      targetOnly: model(targetOnlyAcc),
    },
    testLabels: 'labelled',
    gain: { baseline, chosenBy: 'strongest on target validation', metric: 'accuracy', split: 'test', mean: g.mean, ci95: [g.mean - 0.05, g.mean + 0.05], perSeed: diffs },
    verdict: 'positive',
    advice: [{ code: 'more-seeds', message: 'Run more seeds to narrow the interval.' }],
    distances: {
      inputs: [{ a: 'source', b: 'target', mmd: 0.3, proxyA: 0.31 }],
      proxyAClassifier: { inputs: 'logistic regression, held-out half', features: 'MLP 16 hidden units, held-out half' },
      features: { a: 'source', b: 'target' },
    },
    artifacts: [],
    ...over,
  };
}

export function boundary(nx: number, ny: number): Boundary {
  const classes = Array.from({ length: nx * ny }, (_, k) => ((k % nx) < nx / 2 ? 0 : 1));
  return { x0: -1, x1: 1, y0: -1, y1: 1, nx, ny, classes, points: [{ x: 0.5, y: 0.5, label: 1 }] };
}
