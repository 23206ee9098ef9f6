import { describe, expect, it } from 'vitest';
import { graphDocumentSchema } from '../../formats/graph-document';
import { migrateGraph } from '../../formats/migrate-graph';
import { nodeCatalogJson } from '../../nodes/registry';
import { templates } from '../../templates';
import { groupFrame } from './annotations';
import { toNodeSpec } from './catalog';
import { EditorStore } from './editor-store';

const specs = nodeCatalogJson().map(toNodeSpec);
const dann = () => templates.find((t) => t.id === 'dann')!.document;

describe('EditorStore: comments and groups', () => {
  it('adds, edits (typing is one undo step), moves and deletes a note', () => {
    const ed = new EditorStore(specs, dann());
    const id = ed.addComment({ x: 10, y: 20 });
    ed.updateComment(id, { text: 'f' });
    ed.updateComment(id, { text: 'fe' });
    ed.updateComment(id, { text: 'few labels' });
    expect(ed.getState().comments).toEqual([{ id, text: 'few labels', position: { x: 10, y: 20 }, width: 220 }]);
    ed.undo();
    expect(ed.getState().comments[0]!.text).toBe('');
    ed.redo();
    ed.moveComment(id, { x: 50, y: 60 }, true);
    ed.moveComment(id, { x: 90, y: 99 }, true);
    ed.moveComment(id, undefined, false);
    expect(ed.getState().comments[0]!.position).toEqual({ x: 90, y: 99 });
    ed.undo();
    expect(ed.getState().comments[0]!.position).toEqual({ x: 10, y: 20 });
    ed.deleteComment(id);
    expect(ed.getState().comments).toEqual([]);
  });

  it('groups the selection; moving the group moves its nodes together, as one undo step', () => {
    const ed = new EditorStore(specs, dann());
    ed.select(['extractor', 'dann']);
    const g = ed.group()!;
    ed.renameGroup(g, 'Adversarial features');
    expect(ed.getState().groups).toEqual([{ id: g, title: 'Adversarial features', nodes: ['extractor', 'dann'] }]);
    const before = ['extractor', 'dann', 'head'].map((id) => ({ ...ed.node(id)!.position }));
    ed.moveGroup(g, { x: 30, y: -10 }, true);
    ed.moveGroup(g, { x: 70, y: 5 }, true);
    ed.moveGroup(g, { x: 0, y: 0 }, false);
    expect(ed.node('extractor')!.position).toEqual({ x: before[0]!.x + 100, y: before[0]!.y - 5 });
    expect(ed.node('dann')!.position).toEqual({ x: before[1]!.x + 100, y: before[1]!.y - 5 });
    expect(ed.node('head')!.position).toEqual(before[2]);
    ed.undo();
    expect(ed.node('extractor')!.position).toEqual(before[0]);
  });

  it('a node joins one group at most; deleting nodes shrinks groups and drops empty ones; ungroup keeps the nodes', () => {
    const ed = new EditorStore(specs, dann());
    const a = ed.group(['extractor', 'dann'])!;
    const b = ed.group(['dann', 'head'])!;
    expect(ed.getState().groups.map((g) => [g.id, g.nodes])).toEqual([[a, ['extractor']], [b, ['dann', 'head']]]);
    ed.delete(['extractor']);
    expect(ed.getState().groups.map((g) => g.id)).toEqual([b]);
    ed.ungroup(b);
    expect(ed.getState().groups).toEqual([]);
    expect(ed.node('dann')).toBeDefined();
  });

  it('comments and groups survive the document round trip (save, export, import) and a group frame encloses its nodes', () => {
    const ed = new EditorStore(specs, dann());
    ed.addComment({ x: 0, y: -200 }, 'Try λ = 0.3');
    ed.group(['source', 'target'], 'Data');
    const doc = ed.toDocument();
    const text = JSON.stringify(doc);
    const back = migrateGraph(JSON.parse(text));
    expect(back.ok && back.document).toEqual(graphDocumentSchema.parse(doc));
    const reopened = new EditorStore(specs, graphDocumentSchema.parse(JSON.parse(text)));
    expect(reopened.getState().comments).toEqual(ed.getState().comments);
    expect(reopened.getState().groups).toEqual(ed.getState().groups);
    const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
    const f = groupFrame(doc.groups[0]!, nodes, () => ({ width: 240, height: 150 }))!;
    for (const id of ['source', 'target']) {
      const p = nodes.get(id)!.position;
      expect(p.x).toBeGreaterThan(f.x);
      expect(p.y).toBeGreaterThan(f.y);
      expect(p.x + 240).toBeLessThan(f.x + f.width);
      expect(p.y + 150).toBeLessThan(f.y + f.height);
    }
  });

  it('a document naming missing nodes in a group opens without them', () => {
    const doc = { ...dann(), groups: [{ id: 'g', title: 't', nodes: ['source', 'ghost'] }, { id: 'h', title: 'u', nodes: ['ghost'] }] };
    expect(new EditorStore(specs, doc).getState().groups).toEqual([{ id: 'g', title: 't', nodes: ['source'] }]);
  });
});
