import { describe, expect, it } from 'vitest';
import { makeResult, model, stat } from '../app/runs/run-fixtures.test-util';
import { migrateRunResult, RUN_RESULT_VERSION } from './run-result';

/** A result as format 2 stored it: no `testLabels`. */
function asV2(r: ReturnType<typeof makeResult>): unknown {
  const { testLabels: _t, ...rest } = r;
  return { ...JSON.parse(JSON.stringify(rest)), version: 2 };
}

describe('run result format 3: testLabels', () => {
  it('a labelled format-2 result is lifted unchanged, labelled', () => {
    const r = makeResult();
    expect(migrateRunResult(asV2(r))).toEqual({ ...r, version: RUN_RESULT_VERSION, testLabels: 'labelled' });
  });

  it('format 2’s zeros from an unlabelled target become "no labels": no test scores, gain, verdict or test advice', () => {
    const zeros = () => {
      const m = model([0.5, 0.5]);
      return { ...m, splits: { ...m.splits, test: { accuracy: stat([0, 0]), macroF1: stat([0, 0]) } } };
    };
    const r = makeResult({
      seeds: [0, 1],
      models: { method: zeros(), sourceOnly: zeros() },
      gain: { baseline: 'sourceOnly', chosenBy: 'source-only', metric: 'accuracy', split: 'test', mean: 0, ci95: [0, 0], perSeed: [0, 0] },
      verdict: 'inconclusive',
      advice: [
        { code: 'noisy', message: 'straddles 0' },
        { code: 'underfit', message: 'does not fit the source' },
      ],
    });
    const lifted = migrateRunResult(asV2(r));
    expect(lifted.testLabels).toBe('none');
    expect(lifted.models.method.splits.test).toBeUndefined();
    expect(lifted.models.sourceOnly!.splits.test).toBeUndefined();
    expect(lifted.models.method.splits.sourceValidation).toEqual(r.models.method.splits.sourceValidation);
    expect(lifted.gain).toBeNull();
    expect(lifted.verdict).toBeNull();
    expect(lifted.advice.map((a) => a.code)).toEqual(['underfit']);
  });

  it('one model at 0 beside another that scored is a real (labelled) result', () => {
    const zero = model([0, 0, 0]);
    const r = makeResult({ models: { method: zero, sourceOnly: model([0.7, 0.7, 0.7]) } });
    const lifted = migrateRunResult(asV2(r));
    expect(lifted.testLabels).toBe('labelled');
    expect(lifted.models.method.splits.test?.accuracy.perSeed).toEqual([0, 0, 0]);
  });

  it('a format-3 result without testLabels is refused', () => {
    const { testLabels: _t, ...rest } = makeResult();
    expect(() => migrateRunResult(rest)).toThrow();
  });
});
