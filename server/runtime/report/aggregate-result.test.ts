import { describe, expect, it } from 'vitest';
import { moonsPlan } from '../test-support/moons-plan';
import type { UnitResult } from '../units/unit-types';
import { aggregateResult } from './aggregate-result';

/** A unit's result with the given accuracies (test and target validation). */
function unit(track: UnitResult['track'], seed: number, test: number, targetVal?: number): UnitResult {
  return {
    track,
    seed,
    steps: 10,
    scores: { test: { accuracy: test }, ...(targetVal === undefined ? {} : { targetValidation: { accuracy: targetVal } }) },
    curves: { adaptation: [], domainAccuracy: [] },
    artifacts: [],
  };
}

function aggregate(plan: ReturnType<typeof moonsPlan>, units: UnitResult[]) {
  return aggregateResult({ plan, seeds: [0, 1, 2], units, inputDistances: [], proxyAClassifier: { inputs: 'x', features: 'x' }, backend: 'wasm', durationMs: 1 });
}

describe('aggregateResult', () => {
  it('a method that uses target labels is measured against the strongest same-labels baseline on target validation, never on test', () => {
    const plan = moonsPlan({ targetLabels: { count: 30 } });
    plan.stages[0] = { ...plan.stages[0]!, labelledDomains: ['src', 'tgt'] };
    const units = [0, 1, 2].flatMap((s) => [
      unit('method', s, 0.9, 0.9),
      unit('sourceOnly', s, 0.6, 0.6),
      // Target-only is better on the test split, source + target on validation: validation decides.
      unit('targetOnly', s, 0.95, 0.7),
      unit('sourcePlusTarget', s, 0.8, 0.8),
    ]);
    const r = aggregate(plan, units);
    expect(r.gain!.baseline).toBe('sourcePlusTarget');
    expect(r.gain!.chosenBy).toMatch(/target validation \(80\.0%\)/);
    expect(r.gain!.perSeed.map((v) => v.toFixed(3))).toEqual(['0.100', '0.100', '0.100']);
    // Identical gains: an interval of zero width above 0.
    expect(r.verdict).toBe('positive');
    expect(r.models.sourceOnly!.splits.test!.accuracy.mean).toBeCloseTo(0.6);
  });

  it('without target labels in the method the baseline is source-only; paired per seed, not by mean', () => {
    const plan = moonsPlan();
    const units = [unit('method', 0, 0.8), unit('sourceOnly', 0, 0.7), unit('method', 1, 0.7), unit('sourceOnly', 1, 0.75), unit('method', 2, 0.9), unit('sourceOnly', 2, 0.85)];
    const r = aggregate(plan, units);
    expect(r.gain!.baseline).toBe('sourceOnly');
    expect(r.gain!.perSeed.map((v) => Number(v.toFixed(3)))).toEqual([0.1, -0.05, 0.05]);
    expect(r.verdict).toBe('inconclusive');
    expect(r.models.method.splits.test!.accuracy.perSeed).toEqual([0.8, 0.7, 0.9]);
  });
});
