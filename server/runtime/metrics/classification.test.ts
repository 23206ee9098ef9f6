import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, macroF1 } from './classification';

describe('classification metrics', () => {
  const labels = [0, 0, 1, 1, 2, 2, -1];
  const predictions = [0, 1, 1, 1, 0, 2, 2];

  it('accuracy skips unlabelled samples', () => {
    expect(accuracy(predictions, labels)).toBeCloseTo(4 / 6, 12);
    expect(accuracy([1], [-1])).toBeNaN();
  });

  it('confusion matrix is [true][predicted]', () => {
    expect(confusionMatrix(predictions, labels, 3)).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    expect(() => confusionMatrix([3], [0], 3)).toThrow(/outside 0..2/);
  });

  it('macro-F1 averages per-class F1', () => {
    // class 0: tp 1, fp 1, fn 1 → 0.5; class 1: tp 2, fp 1, fn 0 → 0.8; class 2: tp 1, fp 0, fn 1 → 2/3
    expect(macroF1(predictions, labels, 3)).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 12);
    // A class absent from labels and predictions does not count.
    expect(macroF1([0, 1], [0, 1], 5)).toBe(1);
    expect(() => accuracy([0], [0, 1])).toThrow(/1 predictions but 2 labels/);
  });
});
