import { describe, expect, it } from 'vitest';
import { headSpecs, type ModelSpec } from '../model/model';
import { moonsPlan } from '../test-support/moons-plan';
import { zeroShotScores } from '../train/evaluate-model';
import { baselineSpec } from './track-stages';

const attributes = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
  [1, 1, 0],
];

describe('zero-shot baseline and scores (issue 9 item 7)', () => {
  it('the baseline is a plain classifier over every class, trained on the seen ones', () => {
    const plan = moonsPlan();
    const head = { kind: 'zeroShot' as const, nodeId: 'head', nodeType: 'zeroShotHead', name: 'head', layers: [{ kind: 'dense' as const, name: 'head/dense_0', units: 8, activation: 'relu' as const, dropout: 0 }], classAttributes: attributes, unseenClasses: [3] };
    const spec: ModelSpec = { extractor: { kind: 'mlp', inputWidth: 2, imageShape: null, layers: [] }, heads: headSpecs(head), decoder: false };
    expect(spec.heads[0]!.kind).toBe('embedding');
    const base = baselineSpec(plan, spec, 0, 2).heads[0]!;
    expect(base.kind).toBe('classes');
    expect(base.classes).toBe(4);
    expect(base.unseen).toEqual([3]);
    // Same hidden layers, then logits over the four classes (not the 3-d attribute regression).
    expect(base.layers.map((l) => l.name)).toEqual(['head/dense_0', 'head/logits']);
    expect(base.layers[1]).toMatchObject({ units: 4, activation: 'linear' });
  });

  it('scores seen and unseen classes by per-class mean accuracy, with their harmonic mean', () => {
    // Classes 0, 1 seen; 3 unseen. Class 0: 2/2 right, class 1: 1/2, class 3: 1/4.
    const y = [0, 0, 1, 1, 3, 3, 3, 3];
    const pred = [0, 0, 1, 0, 3, 0, 1, 1];
    const s = zeroShotScores(pred, y, [3])!;
    expect(s.seenAccuracy).toBeCloseTo(0.75, 12);
    expect(s.unseenAccuracy).toBeCloseTo(0.25, 12);
    expect(s.harmonicMean).toBeCloseTo((2 * 0.75 * 0.25) / 1, 12);
    // A classifier that never predicts the unseen class: H = 0.
    expect(zeroShotScores([0, 0, 1, 1, 0, 0, 0, 0], y, [3])!.harmonicMean).toBe(0);
    expect(zeroShotScores([0, 1], [0, 1], [3])).toBeNull();
  });
});
