import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph } from './compile-graph';

type Doc = { nodes: { id: string; type: string; params: Record<string, unknown> }[]; edges: { source: string }[] };
const gradual = (): Doc => JSON.parse(readFileSync(new URL('../../templates/gradual.json', import.meta.url), 'utf8')) as Doc;

describe('gradual self-training through a transitive chain (issue 9 item 12)', () => {
  it('learns the source, then self-trains hop by hop on pseudo-labels up to the target', () => {
    const compiled = compileGraph(gradual());
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const stages = compiled.plan.stages;
    const names = ['moons', ...Array.from({ length: 18 }, (_, i) => `moons rotated ${5 * (i + 1)}°`)];
    expect(stages.map((s) => s.name)).toEqual(['source (moons)', ...names.slice(1).map((to, i) => `self-train ${i + 1} (${names[i]} → ${to})`)]);
    expect(stages[0]!.losses).toEqual([{ kind: 'classification', weight: 1, domains: ['source'] }]);
    expect(stages[0]!.init).toBe('scratch');
    // Kumar et al.'s regularised model: the node's weight decay in every stage, the source's included.
    for (const s of stages) expect(s.weightDecay).toBe(3e-3);
    for (const s of stages.slice(1)) {
      expect(s.init).toBe('previous');
      expect(s.losses).toEqual([
        { kind: 'classification', weight: 0, domains: ['source'] },
        { kind: 'selfTraining', nodeId: 'selftrain', nodeType: 'selfTraining', keep: 0.9, weight: 1 },
      ]);
    }
    expect(stages[18]!.adapt).toEqual({ from: 'step17', to: 'target' });
    expect(compiled.plan.objective).toContain('pseudo-labels');
  });

  it('without intermediates it is direct self-training: the source, then one step to the target', () => {
    const doc = gradual();
    doc.nodes = doc.nodes.filter((n) => n.type !== 'intermediateDomain');
    doc.edges = doc.edges.filter((e) => !e.source.startsWith('step'));
    const compiled = compileGraph(doc);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    expect(compiled.plan.stages.map((s) => s.adapt)).toEqual([null, { from: 'source', to: 'target' }]);
  });

  it('a graph saved with selfTraining v1 compiles without weight decay (what it ran)', () => {
    const doc = gradual();
    const node: Doc['nodes'][number] & { typeVersion?: number } = doc.nodes.find((n) => n.type === 'selfTraining')!;
    node.typeVersion = 1;
    delete node.params.weightDecay;
    const compiled = compileGraph(doc);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    for (const s of compiled.plan.stages) expect(s.weightDecay).toBeUndefined();
  });
});
