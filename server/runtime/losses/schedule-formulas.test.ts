import { describe, expect, it } from 'vitest';
import { cosineSchedule, dannLambda, dannLearningRate, stepSchedule } from './schedule-formulas';

describe('DANN schedules', () => {
  it('λ_p = 2/(1+exp(−10p)) − 1', () => {
    expect(dannLambda(0)).toBe(0);
    expect(dannLambda(0.1)).toBeCloseTo(Math.tanh(0.5), 12); // 2/(1+e^−1) − 1 = tanh(½)
    expect(dannLambda(0.1)).toBeCloseTo(0.462117, 6);
    expect(dannLambda(0.5)).toBeCloseTo(0.986614, 6);
    expect(dannLambda(1)).toBeCloseTo(0.999909, 6);
    expect(dannLambda(0.5, 0.3)).toBeCloseTo(0.3 * 0.986614, 6);
    expect(dannLambda(0.5, 1, 2)).toBeCloseTo(2 / (1 + Math.exp(-1)) - 1, 12);
    // Progress is clamped.
    expect(dannLambda(-1)).toBe(0);
    expect(dannLambda(2)).toBe(dannLambda(1));
  });

  it('μ_p = μ₀/(1+10p)^0.75', () => {
    expect(dannLearningRate(0.01, 0)).toBe(0.01);
    expect(dannLearningRate(0.01, 1)).toBeCloseTo(0.001656, 6);
    expect(dannLearningRate(0.01, 0.5)).toBeCloseTo(0.01 / 6 ** 0.75, 12);
    expect(dannLearningRate(0.01, 0.5, 2, 1)).toBeCloseTo(0.005, 12);
  });

  it('cosine and step schedules', () => {
    expect(cosineSchedule(1, 0)).toBe(1);
    expect(cosineSchedule(1, 0.5)).toBeCloseTo(0.5, 12);
    expect(cosineSchedule(1, 1, 0.1)).toBeCloseTo(0.1, 12);
    expect(cosineSchedule(1, 0.25)).toBeCloseTo((1 + Math.SQRT1_2) / 2, 12);
    expect(stepSchedule(0.1, 0, 2)).toBe(0.1);
    expect(stepSchedule(0.1, 1, 2)).toBe(0.1);
    expect(stepSchedule(0.1, 5, 2)).toBeCloseTo(0.001, 12);
    expect(stepSchedule(1, 3, 1, 0.5)).toBe(0.125);
    expect(() => stepSchedule(1, 3, 0)).toThrow(/stepSize must be positive/);
    expect(() => dannLambda(Number.NaN)).toThrow(/NaN/);
  });
});
