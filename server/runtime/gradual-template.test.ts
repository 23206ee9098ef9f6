import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compiler/compile-graph';
import { selectBackend } from './backend/select-backend';
import { runPlan } from './run-plan';

/**
 * Issue 9 items 12 and 3: the shipped gradual template (rotating moons, self-training hop by hop) trained with a
 * reduced budget — 200 points per domain, 10 epochs per stage, one seed — must still beat source-only clearly. Its
 * 13 stages at the full budget take minutes on a loaded CI machine, so templates-train.test.ts leaves it out.
 */
beforeAll(async () => {
  await selectBackend('wasm');
});

type Doc = { nodes: { type: string; params: Record<string, unknown> }[] };

const EPOCHS = 10;

function reducedPlan() {
  const doc = JSON.parse(readFileSync(new URL('../../templates/gradual.json', import.meta.url), 'utf8')) as Doc;
  for (const n of doc.nodes) {
    if (n.type.endsWith('Domain')) n.params.options = { ...(n.params.options as object), samples: 200 };
    if (n.type === 'trainer') n.params.epochs = EPOCHS;
  }
  const compiled = compileGraph(doc);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const plan = compiled.plan;
  plan.evaluation = { ...plan.evaluation, repeats: 1, domainDistances: [], featureProjection: 'none' };
  return plan;
}

describe('gradual template, reduced budget', () => {
  it('gradual self-training beats source-only on the 90° target by a wide margin', async () => {
    const r = await runPlan(reducedPlan(), { onEvent: () => {} });
    const acc = (k: 'method' | 'sourceOnly') => r.models[k]!.splits.test!.accuracy.mean;
    // Measured at this budget (wasm), seeds 0–4: gradual 0.650, 0.683, 0.733, 0.333, 0.683; source-only 0.150,
    // 0.167, 0.250, 0.167, 0.200. Seed 0's gap is 0.50; four seeds are at 0.48–0.52, seed 3 at 0.17 (the full
    // budget's seeds are all ≥ 0.70, see the template's description).
    expect(acc('sourceOnly')).toBeLessThan(0.35);
    expect(acc('method')).toBeGreaterThan(0.5);
    expect(acc('method') - acc('sourceOnly')).toBeGreaterThan(0.3);
  }, 300_000);
});
