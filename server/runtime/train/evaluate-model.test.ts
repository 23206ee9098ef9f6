import { describe, expect, it } from 'vitest';
import { evaluatePredictions, hasLabels } from './evaluate-model';

describe('evaluatePredictions', () => {
  it('an unlabelled split has no accuracy: refused, never scored 0', () => {
    expect(hasLabels([-1, -1, -1])).toBe(false);
    expect(hasLabels([-1, 0, -1])).toBe(true);
    expect(() => evaluatePredictions([0, 1, 1], [-1, -1, -1], ['accuracy', 'macroF1'], 2)).toThrow(/no labelled rows/);
  });
  it('a partly labelled split is scored on its labelled rows; macro-F1 kept', () => {
    expect(evaluatePredictions([0, 1, 1, 0], [0, 1, -1, 1], ['accuracy'], 2).accuracy).toBeCloseTo(2 / 3, 10);
    expect(evaluatePredictions([0, 1, 1, 0], [0, 1, 0, 0], ['macroF1'], 2).macroF1).toBeCloseTo(0.7333, 3);
  });
});
