import { describe, expect, it } from 'vitest';
import { templates } from '../../templates';
import { diffGraphs, diffHighlights, isEmptyDiff } from './graph-diff';

const dann = templates.find((t) => t.id === 'dann')!.document;

describe('diffGraphs', () => {
  it('finds nothing between a graph and a moved copy of it', () => {
    const moved = { ...dann, nodes: dann.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 0 } })) };
    expect(isEmptyDiff(diffGraphs(dann, moved))).toBe(true);
  });

  it('reports added, removed and changed nodes, params and edges', () => {
    const [first, ...rest] = dann.nodes;
    const after = {
      nodes: [
        ...rest.map((n) => (n.id === 'trainer' ? { ...n, params: { ...n.params, epochs: 3, extra: true }, label: 'Fast' } : n)),
        { id: 'note', type: 'evaluate', typeVersion: 1, params: {}, position: { x: 0, y: 0 } },
      ],
      edges: dann.edges.filter((e) => e.source !== first!.id && e.target !== first!.id),
    };
    const d = diffGraphs(dann, after);
    expect(d.addedNodes).toEqual(['note']);
    expect(d.removedNodes).toEqual([first!.id]);
    const trainer = d.changedNodes.find((c) => c.id === 'trainer')!;
    expect(trainer.relabelled).toBe(true);
    expect(trainer.params).toEqual([
      { key: 'epochs', kind: 'changed', before: dann.nodes.find((n) => n.id === 'trainer')!.params.epochs, after: 3 },
      { key: 'extra', kind: 'added', after: true },
    ]);
    expect(d.removedEdges.length).toBe(dann.edges.length - after.edges.length);
    expect(d.removedEdges.length).toBeGreaterThan(0);
    expect(d.addedEdges).toEqual([]);
    expect(diffHighlights(d)).toMatchObject({ note: 'added', trainer: 'changed' });
  });

  it('matches edges by their ends, not their ids', () => {
    const renamed = { ...dann, edges: dann.edges.map((e, i) => ({ ...e, id: `x${i}` })) };
    expect(isEmptyDiff(diffGraphs(dann, renamed))).toBe(true);
  });
});
