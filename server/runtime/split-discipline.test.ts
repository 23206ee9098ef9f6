import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../formats/run-events';
import { twoMoons } from '../datasets/synthetic/two-moons';
import { selectBackend } from './backend/select-backend';
import { runPlan } from './run-plan';
import { dannLoss, moonsPlan } from './test-support/moons-plan';
import { prepareDomain } from './train/prepare-domain';

let dir = '';
beforeAll(async () => {
  await selectBackend('wasm');
  dir = await mkdtemp(path.join(tmpdir(), 'stepstone-split-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * The test split must not reach training or live curves: run the same plan twice on a target whose test rows'
 * labels differ between the runs (every other row identical). Everything before the end-of-training test score —
 * every epoch of every model, validation scores, distances — must be identical; only the test scores may differ.
 */
describe('split discipline', () => {
  it('changing only the test rows’ labels changes nothing but the test scores', async () => {
    const plan = moonsPlan({ losses: [dannLoss], epochs: 6, seed: 3, targetLabels: { count: 20 } });
    plan.stages[0] = { ...plan.stages[0]!, labelledDomains: ['src', 'tgt'], losses: [{ kind: 'classification', weight: 1, domains: ['src', 'tgt'] }, dannLoss] };
    // One seed: another seed's test rows are this seed's training rows, so flipping them would rightly change training.
    plan.evaluation.repeats = 1;
    const target = plan.domains[1]!;
    const data = twoMoons({ samples: 200, rotation: 30, noise: 0.1, seed: 9 });
    // Which rows the seed holds out: the runtime's own split.
    const testRows = new Set<string>();
    const held = prepareDomain(target, data, 3 + 17 * target.order + 1).test!;
    for (let i = 0; i < held.n; i++) testRows.add(`${held.x[2 * i]},${held.x[2 * i + 1]}`);
    const csv = (flipTest: boolean) => {
      const lines = ['x0,x1,label'];
      for (let i = 0; i < data.n; i++) {
        const [a, b] = [data.x[2 * i]!, data.x[2 * i + 1]!];
        const y = data.y[i]!;
        lines.push(`${a},${b},${flipTest && testRows.has(`${a},${b}`) ? 1 - y : y}`);
      }
      return `${lines.join('\n')}\n`;
    };
    const run = async (name: string, flip: boolean) => {
      const file = path.join(dir, `${name}.csv`);
      await writeFile(file, csv(flip));
      const p = structuredClone(plan);
      p.domains[1] = { ...target, dataset: { kind: 'upload', id: name, labelColumn: 'label' } };
      const events: RunEvent[] = [];
      const result = await runPlan(p, { backend: 'wasm', onEvent: (e) => events.push(e), resolveUpload: async () => ({ path: file, format: 'csv', labelColumn: 'label' }) });
      return { events, result };
    };
    const a = await run('true-labels', false);
    const b = await run('flipped-test-labels', true);
    const epochs = (r: typeof a) => r.events.filter((e) => e.type === 'epoch');
    expect(epochs(a).length).toBeGreaterThan(0);
    expect(epochs(b)).toEqual(epochs(a));
    const withoutTest = (r: typeof a) => r.events.filter((e) => e.type === 'model').map((e) => (e.type === 'model' ? { ...e, scores: { ...e.scores, test: undefined } } : e));
    expect(withoutTest(b)).toEqual(withoutTest(a));
    expect(b.result.models.method.splits.targetValidation).toEqual(a.result.models.method.splits.targetValidation);
    // The test split itself did change, and the runs saw it: accuracies there moved.
    expect(b.result.models.method.splits.test!.accuracy.perSeed).not.toEqual(a.result.models.method.splits.test!.accuracy.perSeed);
  }, 120_000);
});
