import { describe, expect, it } from 'vitest';
import { getNodeDefinition, nodeCatalogJson } from '../../nodes/registry';
import { templates } from '../../templates';
import { searchCatalog, toNodeSpec } from './catalog';
import { EditorStore } from './editor-store';

const catalog = nodeCatalogJson();

describe('searchCatalog', () => {
  it('ranks title matches first, then category, then docs; every word must match', () => {
    expect(searchCatalog(catalog, 'mmd')[0]!.type).toBe('mmdAdaptation');
    expect(searchCatalog(catalog, 'target domain')[0]!.type).toBe('targetDomain');
    const adaptation = searchCatalog(catalog, 'adaptation').map((e) => e.type);
    expect(adaptation).toEqual(expect.arrayContaining(['mmdAdaptation', 'domainAdversarial']));
    // Found through the docs only.
    expect(searchCatalog(catalog, 'gradient-reversal').map((e) => e.type)).toContain('domainAdversarial');
    expect(searchCatalog(catalog, 'zzzz nothing')).toEqual([]);
    expect(searchCatalog(catalog, '  ')).toHaveLength(catalog.length);
  });
});

describe('the editor and the real registry', () => {
  it('opens every template, accepts every one of its edges, and round-trips it unchanged', () => {
    const specs = catalog.map(toNodeSpec);
    for (const t of templates) {
      const ed = new EditorStore(specs, t.document);
      expect(ed.toDocument()).toEqual(t.document);
      // Rebuild the template edge by edge through the editor's own connection check.
      const fresh = new EditorStore(specs, { ...t.document, edges: [] });
      for (const e of t.document.edges) {
        const r = fresh.connect(e);
        expect(r, `${t.id}: ${e.id}`).toMatchObject({ ok: true });
      }
      expect(fresh.getState().edges).toHaveLength(t.document.edges.length);
    }
  });

  it('adds every node kind with params its own schema accepts', () => {
    const ed = new EditorStore(catalog.map(toNodeSpec));
    for (const entry of catalog) {
      const id = ed.addNode(entry.type);
      expect(ed.node(id)!.params).toEqual(entry.defaults);
      expect(getNodeDefinition(entry.type)!.params.safeParse(ed.node(id)!.params).success).toBe(true);
      expect(ed.node(id)!.typeVersion).toBe(entry.version);
    }
  });
});
