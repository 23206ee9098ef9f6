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
  it('lifts a version-0 draft to the current version, and its v1 MMD node to v2 params', () => {
    const result = migrateGraph(legacy);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(0);
    expect(result.document).toMatchObject({ format: 'stepstone.graph', version: 3, name: 'old draft', comments: [], groups: [], sweeps: [] });
    // Two moons' default size changed in sourceDomain v2: the old draft keeps the 100 points it had.
    expect(result.document.nodes[0]).toEqual({ id: 's', type: 'sourceDomain', typeVersion: 2, params: { dataset: 'two-moons', options: { samples: 100 } }, position: { x: 0, y: 10 } });
    expect(result.document.nodes[1]).toMatchObject({ typeVersion: 4, params: { variant: 'dan', lambda: 0.25, layers: 'features', kernel: 'gaussian' } });
    expect(result.document.edges[0]).toEqual({ id: 'link-0', source: 's', sourcePort: 'data', target: 'x', targetPort: 'domains' });
    expect(result.migratedNodes).toEqual(['s', 'm']);
  });
  it('passes a current document through unchanged, comments, groups and sweeps included', () => {
    const doc = {
      format: 'stepstone.graph',
      version: 3,
      name: 'g',
      description: '',
      nodes: [{ id: 's', type: 'sourceDomain', typeVersion: 2, params: { dataset: 'two-moons' }, position: { x: 0, y: 0 } }],
      edges: [],
      comments: [{ id: 'note-1', text: 'λ matters here', position: { x: 5, y: 6 }, width: 220 }],
      groups: [{ id: 'group-1', title: 'Data', nodes: ['s'] }],
      sweeps: [{ nodeId: 's', param: 'options.rotation', range: { from: 0, to: 60, n: 4, scale: 'linear' } }],
      metadata: { tags: [] },
    };
    const result = migrateGraph(doc);
    expect(result).toMatchObject({ ok: true, migratedFrom: null });
    if (result.ok) expect(result.document).toEqual(doc);
  });
  it('lifts a version-1 document (before comments and groups) to version 3 with none of either, and no sweeps', () => {
    const v1 = { format: 'stepstone.graph', version: 1, name: 'g', description: 'd', nodes: [], edges: [], metadata: { tags: ['x'] } };
    const result = migrateGraph(v1);
    expect(result).toEqual({ ok: true, migratedFrom: 1, migratedNodes: [], document: { ...v1, version: 3, comments: [], groups: [], sweeps: [] } });
  });
  it('refuses a malformed comment or group with its path', () => {
    const bad = { format: 'stepstone.graph', version: 2, name: 'g', nodes: [], edges: [], groups: [{ id: 'g1', title: 't', nodes: [] }] };
    expect(migrateGraph(bad)).toMatchObject({ ok: false, errors: [{ path: 'groups.0.nodes' }] });
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
