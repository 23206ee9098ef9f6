import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import type { GraphDocument } from '../../formats/graph-document';
import { runs } from '../../db/schema';
import { templates } from '../../templates';
import { compileGraph } from '../compiler/compile-graph';
import { openHarness, rejection, type Harness } from '../api/routers/testing/router-harness';
import { checkPlanBudget, defaultRows, PlanTooLargeError, planCost, type MachineBudget } from './plan-budget';

const twoGb: MachineBudget = { memoryBytes: 2048 * 1024 * 1024, flops: 5e9 * 3600 * 10 };
const ddc = templates.find((t) => t.id === 'ddc')!.document;

/** The DDC template with its extractor and trainer parameters replaced. */
function ddcWith(hidden: number[], trainer: Record<string, unknown>): GraphDocument {
  return {
    ...ddc,
    nodes: ddc.nodes.map((n) =>
      n.id === 'extractor' ? { ...n, params: { ...n.params, hidden } } : n.id === 'trainer' ? { ...n, params: { ...n.params, ...trainer } } : n,
    ),
  };
}

function cost(doc: GraphDocument) {
  const compiled = compileGraph(doc, { uploads: {} });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return planCost(compiled.plan, defaultRows({}));
}

describe('plan budget', () => {
  it('every gallery template fits a 2 GB machine', () => {
    for (const t of templates) {
      const compiled = compileGraph(t.document, { uploads: {} });
      if (!compiled.ok) continue; // templates that need an upload
      expect(checkPlanBudget(planCost(compiled.plan, defaultRows({})), twoGb), t.id).toBeUndefined();
    }
  });

  it('counts parameters exactly for an MLP and grows with units, batch and epochs', () => {
    const small = cost(ddcWith([4], { epochs: 10, batchSize: 8 }));
    // 2→4 extractor (12) + 4→2 head (10)
    expect(small.parameters).toBe(12 + 10);
    const wide = cost(ddcWith([4096, 4096], { epochs: 10, batchSize: 8 }));
    expect(wide.parameters).toBe(2 * 4096 + 4096 + 4096 * 4096 + 4096 + 4096 * 2 + 2);
    expect(cost(ddcWith([4], { epochs: 20, batchSize: 8 })).samplePasses).toBe(2 * small.samplePasses);
    expect(cost(ddcWith([4], { epochs: 10, batchSize: 16 })).activationBytes).toBe(2 * small.activationBytes);
  });

  it('refuses the schema-legal monster (8×4096 units, 10,000 epochs, batch 4,096) on memory, with a hint', () => {
    const tooBig = checkPlanBudget(cost(ddcWith(new Array(8).fill(4096), { epochs: 10_000, batchSize: 4096 })), twoGb);
    expect(tooBig).toBeInstanceOf(PlanTooLargeError);
    expect(tooBig!.message).toMatch(/^planTooLarge: training would need about \d+ MB of memory \(117\.5 million parameters/);
    expect(tooBig!.hint).toMatch(/fewer or narrower layers/);
    // Small enough in memory but far too long: refused on compute.
    const long = checkPlanBudget(cost(ddcWith([2048, 2048], { epochs: 10_000, batchSize: 4096 })), twoGb);
    expect(long?.message).toMatch(/^planTooLarge: training would take about .* floating-point operations/);
  });
});

describe('runs.start checks the budget before queueing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('pglite');
  });
  afterAll(async () => h?.close());

  it('answers planTooLarge (BAD_REQUEST, code and hint in data) and queues nothing', async () => {
    const before = (await h.services.db.select({ n: count() }).from(runs))[0]!.n;
    const err = await rejection(h.caller.runs.start({ document: ddcWith(new Array(8).fill(4096), { epochs: 10_000, batchSize: 4096 }) }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/^planTooLarge: .*Use fewer or narrower layers/);
    expect(err.cause).toBeInstanceOf(PlanTooLargeError);
    expect((await h.services.db.select({ n: count() }).from(runs))[0]!.n).toBe(before);
  });
});
