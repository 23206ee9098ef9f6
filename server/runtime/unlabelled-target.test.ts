import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runResultSchema, type RunEvent } from '../../formats/run-events';
import { csvOptionsSchema } from '../../formats/csv-options';
import { twoMoons } from '../datasets/synthetic/two-moons';
import { runPlan } from './run-plan';
import { moonsPlan } from './test-support/moons-plan';

/** A target CSV with two feature columns and no label column: an upload with label "none". */
async function unlabelledTarget(): Promise<string> {
  const t = twoMoons({ samples: 120, rotation: 30, noise: 0.1, seed: 5 });
  const rows = Array.from({ length: t.n }, (_, i) => `${t.x[2 * i]!.toFixed(4)},${t.x[2 * i + 1]!.toFixed(4)}`);
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'unlabelled-')), 'target.csv');
  await writeFile(file, `x1,x2\n${rows.join('\n')}\n`);
  return file;
}

describe('an unlabelled target (upload with label none)', () => {
  it('has no test accuracy, gain, interval or verdict — never a 0 — and says why', async () => {
    const plan = moonsPlan({ epochs: 6 });
    const target = plan.domains[1]!;
    plan.domains[1] = { ...target, dataset: { kind: 'upload', id: 'tgt-upload' }, labels: 'none' };
    plan.evaluation = { ...plan.evaluation, repeats: 2, testCurve: true };
    const file = await unlabelledTarget();
    const events: RunEvent[] = [];
    const result = await runPlan(plan, {
      backend: 'cpu',
      parallelism: 1,
      onEvent: (e) => events.push(e),
      resolveUpload: async (id) => (id === 'tgt-upload' ? { path: file, format: 'csv', csv: csvOptionsSchema.parse({ label: { by: 'none' } }) } : undefined),
    });
    expect(result.testLabels).toBe('none');
    for (const m of Object.values(result.models)) expect(m?.splits.test).toBeUndefined();
    expect(result.models.method.splits.sourceValidation?.accuracy.perSeed).toHaveLength(2);
    expect(result.gain).toBeNull();
    expect(result.verdict).toBeNull();
    expect(result.advice.map((a) => a.code)).not.toContain('noisy');
    expect(runResultSchema.parse(JSON.parse(JSON.stringify(result)))).toEqual(result);
    // Nor in the stream: no model event scores the test split, no epoch reports a test accuracy (testCurve asked).
    const models = events.filter((e): e is Extract<RunEvent, { type: 'model' }> => e.type === 'model');
    expect(models).toHaveLength(4);
    for (const m of models) expect(m.scores.test).toBeUndefined();
    const epochs = events.filter((e): e is Extract<RunEvent, { type: 'epoch' }> => e.type === 'epoch');
    expect(epochs.length).toBeGreaterThan(0);
    for (const e of epochs) expect(e.metrics.testAccuracy).toBeUndefined();
    expect(events.some((e) => e.type === 'warning' && /no labelled held-out samples/.test(e.message))).toBe(true);
    // Predictions still come out for the target's rows.
    expect(events.some((e) => e.type === 'predictions' && e.rows.length > 0)).toBe(true);
  }, 120_000);
});
