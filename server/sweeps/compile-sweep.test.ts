import { describe, expect, it } from 'vitest';
import { GRAPH_VERSION } from '../../formats/graph-document';
import { migrateGraph } from '../../formats/migrate-graph';
import { axisValues } from '../../formats/sweep';
import { templateDoc } from '../compiler/test-support';
import { compileSweep } from './compile-sweep';
import { readPath, writePath } from './param-path';

const dann = () => templateDoc('dann');

describe('graph format 3: sweeps', () => {
  it('a version-2 document migrates to version 3 with no sweeps', () => {
    const v2 = { ...dann(), version: 2 } as Record<string, unknown>;
    delete v2.sweeps;
    const r = migrateGraph(v2);
    expect(r.ok && r.document.version).toBe(GRAPH_VERSION);
    expect(r.ok && r.document.sweeps).toEqual([]);
    expect(r.ok && r.migratedFrom).toBe(2);
  });

  it('a range expands to evenly spaced values (log or linear) and needs positive ends on a log scale', () => {
    expect(axisValues({ nodeId: 'x', param: 'p', range: { from: 0.001, to: 0.1, n: 3, scale: 'log' } })).toEqual([0.001, 0.01, 0.1]);
    expect(axisValues({ nodeId: 'x', param: 'p', range: { from: 0, to: 1, n: 5, scale: 'linear' } })).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const bad = migrateGraph({ ...dann(), sweeps: [{ nodeId: 'dann', param: 'lambdaMax', range: { from: 0, to: 1, n: 3, scale: 'log' } }] });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]!.message).toMatch(/log range needs from > 0/);
  });
});

describe('param paths', () => {
  it('read and write nested values without touching the input', () => {
    const params = { options: { rotation: 30 }, hidden: [32, 32] };
    expect(writePath(params, 'options.rotation', 45)).toEqual({ options: { rotation: 45 }, hidden: [32, 32] });
    expect(writePath(params, 'hidden.1', 8)).toEqual({ options: { rotation: 30 }, hidden: [32, 8] });
    expect(params).toEqual({ options: { rotation: 30 }, hidden: [32, 32] });
    expect(readPath(params, 'hidden.1')).toBe(32);
    expect(readPath(params, 'hidden.7')).toBeUndefined();
    expect(() => writePath(params, '__proto__.x', 1)).toThrow(/not a param path/);
    expect(() => writePath(params, 'hidden.5', 1)).toThrow(/no item 5/);
  });
});

describe('compileSweep', () => {
  it('a 4-member λ sweep compiles to 4 plans, each with its value', () => {
    const doc = { ...dann(), sweeps: [{ nodeId: 'dann', param: 'lambdaMax', values: [0.1, 0.3, 1, 3] }] };
    const r = compileSweep(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.members).toHaveLength(4);
    const lambdas = r.members.map((m) => m.plan.stages[0]!.losses.find((l) => l.kind === 'domainAdversarial'));
    expect(lambdas.map((l) => (l?.kind === 'domainAdversarial' && l.lambda.kind === 'dann' ? l.lambda.max : null))).toEqual([0.1, 0.3, 1, 3]);
    expect(r.members.map((m) => m.plan.sweepMember)).toEqual([0.1, 0.3, 1, 3].map((v, index) => ({ index, values: { 'dann.lambdaMax': v } })));
  });

  it('two axes make their product; nested paths reach domain options and hidden sizes', () => {
    const doc = {
      ...dann(),
      sweeps: [
        { nodeId: 'target', param: 'options.rotation', values: [15, 45] },
        { nodeId: 'extractor', param: 'hidden.1', values: [8, 16, 32] },
      ],
    };
    const r = compileSweep(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.members).toHaveLength(6);
    const m = r.members[4]!;
    expect(m.values).toEqual({ 'target.options.rotation': 45, 'extractor.hidden.1': 16 });
    const target = m.plan.domains.find((d) => d.nodeId === 'target')!;
    expect(target.dataset.kind === 'builtin' && target.dataset.options.rotation).toBe(45);
    expect(m.plan.model.extractor.layers.map((l) => (l.kind === 'dense' ? l.units : 0))).toEqual([32, 16]);
  });

  it('refuses more than 200 members with a clear error, before compiling any', () => {
    const doc = {
      ...dann(),
      sweeps: [
        { nodeId: 'dann', param: 'lambdaMax', range: { from: 0.01, to: 10, n: 20, scale: 'log' as const } },
        { nodeId: 'trainer', param: 'learningRate', range: { from: 0.001, to: 0.1, n: 11, scale: 'log' as const } },
      ],
    };
    const r = compileSweep(doc);
    expect(r.ok).toBe(false);
    const e = !r.ok ? r.errors.find((x) => x.code === 'sweepTooLarge') : undefined;
    expect(e?.message).toMatch(/220 members \(dann\.lambdaMax: 20 × trainer\.learningRate: 11\); at most 200/);
  });

  it('reports unknown nodes, unsweepable params and members whose values are out of bounds', () => {
    const unknown = compileSweep({ ...dann(), sweeps: [{ nodeId: 'ghost', param: 'x', values: [1] }] });
    expect(!unknown.ok && unknown.errors[0]).toMatchObject({ code: 'sweepUnknownNode', nodeId: 'ghost' });
    const notScalar = compileSweep({ ...dann(), sweeps: [{ nodeId: 'extractor', param: 'hidden', values: [1] }] });
    expect(!notScalar.ok && notScalar.errors[0]).toMatchObject({ code: 'sweepParam', nodeId: 'extractor', field: 'hidden' });
    const outOfBounds = compileSweep({ ...dann(), sweeps: [{ nodeId: 'dann', param: 'lambdaMax', values: [1, 500] }] });
    expect(!outOfBounds.ok && outOfBounds.errors[0]).toMatchObject({ code: 'invalidParam', nodeId: 'dann', field: 'lambdaMax' });
    expect(!outOfBounds.ok && outOfBounds.errors[0]!.message).toMatch(/^Sweep member 2 \(dann\.lambdaMax = 500\)/);
    expect(compileSweep(dann())).toMatchObject({ ok: false, errors: [{ code: 'noSweep' }] });
  });
});
