import { describe, expect, it } from 'vitest';
import { migrateGraph } from './migrate-graph';

const legacy = {
  name: 'old draft',
  nodes: [
    { id: 's', kind: 'sourceDomain', data: { dataset: 'two-moons' }, x: 0, y: 10 },
    { id: 'm', kind: 'mmdAdaptation', data: { kernel: 'multi', weight: 0.25 }, x: 300, y: 10 },
  ],
  links: [{ from: 's', fromPort: 'data', to: 'x', toPort: 'domains' }],
};

describe('migrateGraph', () => {
  it('lifts a version-0 draft to version 1, and its v1 MMD node to v2 params', () => {
    const result = migrateGraph(legacy);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(0);
    expect(result.document).toMatchObject({ format: 'stepstone.graph', version: 1, name: 'old draft' });
    // Two moons' default size changed in sourceDomain v2: the old draft keeps the 100 points it had.
    expect(result.document.nodes[0]).toEqual({ id: 's', type: 'sourceDomain', typeVersion: 2, params: { dataset: 'two-moons', options: { samples: 100 } }, position: { x: 0, y: 10 } });
    expect(result.document.nodes[1]).toMatchObject({ typeVersion: 3, params: { variant: 'dan', lambda: 0.25 } });
    expect(result.document.edges[0]).toEqual({ id: 'link-0', source: 's', sourcePort: 'data', target: 'x', targetPort: 'domains' });
    expect(result.migratedNodes).toEqual(['s', 'm']);
  });
  it('passes a current document through unchanged', () => {
    const doc = { format: 'stepstone.graph', version: 1, name: 'g', nodes: [], edges: [] };
    const result = migrateGraph(doc);
    expect(result).toMatchObject({ ok: true, migratedFrom: null });
  });
  it('does not mutate its input', () => {
    const doc = { format: 'stepstone.graph', version: 1, name: 'g', nodes: [{ id: 'm', type: 'mmdAdaptation', typeVersion: 1, params: { kernel: 'single' } }], edges: [] };
    const before = JSON.stringify(doc);
    migrateGraph(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });
  it('refuses documents from a newer version, with the field', () => {
    expect(migrateGraph({ format: 'stepstone.graph', version: 7, name: 'x', nodes: [], edges: [] })).toEqual({
      ok: false,
      errors: [{ path: 'version', message: expect.stringMatching(/newer/) }],
    });
  });
  it('returns paths for malformed documents instead of throwing', () => {
    for (const bad of [null, 42, 'x', [], { nodes: 'no' }, { format: 'other' }]) expect(migrateGraph(bad).ok).toBe(false);
    const result = migrateGraph({ format: 'stepstone.graph', version: 1, name: 'g', nodes: [{ id: 'bad id!', type: 't', typeVersion: 1 }], edges: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe('nodes.0.id');
  });
});
