import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../server/compiler/compile-graph';
import { templateDoc } from '../../server/compiler/test-support';
import { selectBackend } from '../../server/runtime/backend/select-backend';
import { SeededRandom } from '../../server/runtime/ops/seeded-random';
import { coralAdaptationNode } from './coral-adaptation';
import { coralAdaptationBuild, coralLoss } from './coral-adaptation.build';

type Rows = number[][];

function randomRows(rng: SeededRandom, n: number, d: number, scale = 1): Rows {
  return Array.from({ length: n }, () => Array.from({ length: d }, (_, j) => rng.normal() * scale * (1 + j / 2)));
}

/** Float64 covariance written from the definition: Σ (x − μ)(x − μ)ᵀ / (n − 1). */
function referenceCov(x: Rows): Rows {
  const n = x.length;
  const d = x[0]!.length;
  const mu = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / n);
  return Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => x.reduce((s, r) => s + (r[a]! - mu[a]!) * (r[b]! - mu[b]!), 0) / (n - 1)));
}

function referenceCoral(s: Rows, t: Rows): number {
  const [cs, ct] = [referenceCov(s), referenceCov(t)];
  const d = cs.length;
  let sum = 0;
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) sum += (cs[a]![b]! - ct[a]![b]!) ** 2;
  return sum / (4 * d * d);
}

/** The paper's gradient (Sun & Saenko 2016, eq. 3): ∂ℓ/∂S = (S − 1μ_sᵀ)(C_s − C_t) / (d²(n_s − 1)), in float64. */
function referenceGradSource(s: Rows, t: Rows): Rows {
  const [cs, ct] = [referenceCov(s), referenceCov(t)];
  const d = cs.length;
  const n = s.length;
  const mu = Array.from({ length: d }, (_, j) => s.reduce((acc, r) => acc + r[j]!, 0) / n);
  return s.map((r) => Array.from({ length: d }, (_, j) => r.reduce((acc, v, k) => acc + (v - mu[k]!) * (cs[k]![j]! - ct[k]![j]!), 0) / (d * d * (n - 1))));
}

const coralValue = (s: Rows, t: Rows) => tf.tidy(() => coralLoss(tf.tensor2d(s), tf.tensor2d(t)).dataSync()[0]!);

describe('coralAdaptation node', () => {
  it('fills every default from an empty object', () => {
    expect(coralAdaptationNode.params.parse({})).toEqual({ layers: 'features', lambda: 100 });
  });

  it.each([
    [{ lambda: -1 }, 'lambda'],
    [{ lambda: 10001 }, 'lambda'],
    [{ layers: 'features+logits' }, 'layers'],
  ])('rejects %j at its field', (input, field) => {
    const result = coralAdaptationNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });

  it('compiles (CORAL template) to a term loss on the features, shown in the objective', () => {
    const result = compileGraph(templateDoc('coral'));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const loss = result.plan.stages[0]!.losses[1];
    expect(loss).toEqual({ kind: 'term', nodeId: 'coral', nodeType: 'coralAdaptation', symbol: 'CORAL', weight: 1000, layers: ['features'], settings: {} });
    expect(result.plan.objective).toBe('ℓ = ℓ_c(source) + 1000·CORAL(features)');
    expect(result.plan.stages[0]!.adapt).toEqual({ from: 'source', to: 'target' });
  });
});

describe('CORAL loss', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('equals the hand-computed value on a 1-D toy batch', () => {
    // Var{0, 2} = 2, Var{0, 1, 2} = 1: (2 − 1)² / (4·1²) = 0.25.
    expect(coralValue([[0], [2]], [[0], [1], [2]])).toBeCloseTo(0.25, 6);
  });

  it('matches a float64 reference, and is 0 for the same rows in another order or shifted', () => {
    const rng = new SeededRandom(5);
    const s = randomRows(rng, 12, 4);
    const t = randomRows(rng, 9, 4, 1.7);
    expect(coralValue(s, t)).toBeCloseTo(referenceCoral(s, t), 4);
    expect(referenceCoral(s, t)).toBeGreaterThan(0.01);
    const shifted = [...s].reverse().map((r) => r.map((v) => v + 3));
    expect(coralValue(s, shifted)).toBeCloseTo(0, 5);
  });

  it('has the paper’s gradient (autodiff vs the float64 formula), and a descent step reduces it', () => {
    const rng = new SeededRandom(8);
    const s = randomRows(rng, 10, 3);
    const t = randomRows(rng, 14, 3, 2);
    const want = referenceGradSource(s, t);
    const [gs] = tf.grads((a: tf.Tensor) => coralLoss(a as tf.Tensor2D, tf.tensor2d(t)))([tf.tensor2d(s)]);
    const got = gs!.arraySync() as Rows;
    for (let i = 0; i < s.length; i++) for (let j = 0; j < 3; j++) expect(got[i]![j]!).toBeCloseTo(want[i]![j]!, 4);
    const stepped = s.map((r, i) => r.map((v, j) => v - 0.5 * got[i]![j]!));
    expect(referenceCoral(stepped, t)).toBeLessThan(referenceCoral(s, t));
  });

  it('is 0 (with a zero gradient) for a side of one row, and refuses different widths', () => {
    expect(coralValue([[1, 2]], [[0, 0], [1, 1]])).toBe(0);
    expect(() => coralLoss(tf.zeros([3, 2]) as tf.Tensor2D, tf.zeros([3, 3]) as tf.Tensor2D)).toThrow(/2 columns but target has 3/);
  });

  it('as a loss term: λ · Σ over the adapted layers, reading the source and target rows of the joint pass', () => {
    const rng = new SeededRandom(2);
    const [s, t] = [randomRows(rng, 6, 2), randomRows(rng, 5, 2, 3)];
    const joint = tf.tensor2d([...s, ...t]);
    const term = coralAdaptationBuild.buildLoss({ kind: 'term', nodeId: 'c', nodeType: 'coralAdaptation', symbol: 'CORAL', weight: 2, layers: ['features', 'features'], settings: {} });
    const batch = { pair: { fwd: { layers: new Map([['features', joint]]) }, ns: 6, nt: 5 } } as never;
    expect(term.compute(batch).dataSync()[0]).toBeCloseTo(4 * referenceCoral(s, t), 4);
    expect(term.needsAdaptation).toBe(true);
  });
});
