import { describe, expect, it } from 'vitest';
import { evaluatePredictions } from './evaluate-model';

describe('evaluatePredictions', () => {
  it('an unlabelled split scores 0, never NaN (a stored result must survive JSON)', () => {
    const m = evaluatePredictions([0, 1, 1], [-1, -1, -1], ['accuracy', 'macroF1'], 2);
    expect(m).toEqual({ accuracy: 0, macroF1: 0 });
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });
  it('a labelled split keeps its macro-F1', () => {
    expect(evaluatePredictions([0, 1, 1, 0], [0, 1, 0, 0], ['macroF1'], 2).macroF1).toBeCloseTo(0.7333, 3);
  });
});
