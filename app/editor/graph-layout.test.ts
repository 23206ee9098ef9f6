import { describe, expect, it } from 'vitest';
import { nodeCatalogJson } from '../../nodes/registry';
import { templates } from '../../templates';
import { toNodeSpec } from './catalog';
import { EditorStore } from './editor-store';
import { NODE_WIDTH, nodeHeight, THUMB_SIZE } from './graph-layout';
import { overlaps, type Rect } from './placement';

const specs = nodeCatalogJson().map(toNodeSpec);
const byType = new Map(specs.map((s) => [s.type, s]));

/**
 * A card as rendered: the height of the same card on a built-in data set, plus the thumbnail strip
 * (THUMB_SIZE + 4 px, fixed in step-node.tsx) when its data set is an upload.
 */
function renderedBox(n: { type: string; position: { x: number; y: number }; params: Record<string, unknown> }): Rect {
  const upload = typeof n.params.dataset === 'string' && n.params.dataset.startsWith('upload:');
  const plain = nodeHeight(byType.get(n.type), { ...n.params, ...(upload ? { dataset: 'moons' } : {}) });
  return { ...n.position, width: NODE_WIDTH, height: plain + (upload ? THUMB_SIZE + 4 : 0) };
}

describe('auto-layout with upload thumbnails on domain cards', () => {
  it('lays out every template with uploads on its domains without two cards intersecting', () => {
    let domains = 0;
    for (const t of templates) {
      const doc = structuredClone(t.document);
      for (const n of doc.nodes.filter((m) => typeof m.params.dataset === 'string')) {
        n.params.dataset = 'upload:0b4f4a8e-2d7c-4b2a-9f51-7d3c1e9a0c11';
        domains++;
      }
      const ed = new EditorStore(specs, doc);
      ed.autoLayout();
      const boxes = ed.getState().nodes.map(renderedBox);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!, 0), `${t.id}: ${ed.getState().nodes[i]!.id} × ${ed.getState().nodes[j]!.id}`).toBe(false);
    }
    expect(domains).toBeGreaterThan(20);
  });

  it('a card on an upload is estimated taller by the thumbnail strip', () => {
    const spec = byType.get('targetDomain');
    expect(nodeHeight(spec, { dataset: 'upload:x', name: 't' }) - nodeHeight(spec, { dataset: 'moons', name: 't' })).toBe(THUMB_SIZE + 4);
  });

  it('choosing an upload on a laid-out card makes room: the cards below it move down, one undo step', () => {
    const ed = new EditorStore(specs, structuredClone(templates.find((t) => t.id === 'dann')!.document));
    ed.autoLayout();
    const before = new Map(ed.getState().nodes.map((n) => [n.id, { ...n.position }]));
    const [upper, lower] = ['source', 'target'].sort((a, b) => before.get(a)!.y - before.get(b)!.y) as [string, string];
    ed.setParam(upper, 'dataset', 'upload:0b4f4a8e-2d7c-4b2a-9f51-7d3c1e9a0c11');
    expect(ed.node(lower)!.position.y - before.get(lower)!.y).toBe(THUMB_SIZE + 4);
    // Cards in other columns stay where they were.
    expect(ed.node('trainer')!.position).toEqual(before.get('trainer'));
    ed.setParams(lower, { dataset: 'upload:5f0c2b7e-1a3d-4e8f-9b6a-2c4d6e8f0a1b' });
    const boxes = ed.getState().nodes.map(renderedBox);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!, 0)).toBe(false);
    ed.undo();
    ed.undo();
    expect(new Map(ed.getState().nodes.map((n) => [n.id, n.position]))).toEqual(before);
  });
});
