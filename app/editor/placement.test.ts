import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nodeCatalogJson } from '../../nodes/registry';
import { templates } from '../../templates';
import { toNodeSpec } from './catalog';
import { EditorStore } from './editor-store';
import { freeSpot, gridPositions, overlaps, type Rect } from './placement';

const specs = nodeCatalogJson().map(toNodeSpec);
/** A node's card as the store estimates it: 240 wide, at least this tall. */
const card = (p: { x: number; y: number }): Rect => ({ ...p, width: 240, height: 120 });

function noOverlaps(positions: ReadonlyArray<{ x: number; y: number }>): boolean {
  return positions.every((a, i) => positions.every((b, j) => j <= i || !overlaps(card(a), card(b), 0)));
}

describe('placement', () => {
  it('nodes added at the same point (the view centre) never land on each other', () => {
    const ed = new EditorStore(specs);
    for (let i = 0; i < 12; i++) ed.addNodeNear(i % 2 ? 'mlpExtractor' : 'sourceDomain', { x: 400, y: 300 });
    expect(noOverlaps(ed.getState().nodes.map((n) => n.position))).toBe(true);
    // The first one is centred on the point.
    const first = ed.getState().nodes[0]!.position;
    expect(Math.abs(first.x + 120 - 400)).toBeLessThan(1);
  });

  it('freeSpot finds a spot clear of any set of rectangles', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.integer({ min: -500, max: 500 }), y: fc.integer({ min: -500, max: 500 }) }), { maxLength: 30 }), (points) => {
        const taken = points.map(card);
        const spot = freeSpot({ x: 0, y: 0 }, { width: 240, height: 120 }, taken);
        return taken.every((r) => !overlaps(card(spot), r));
      }),
    );
  });

  it('pasted nodes land clear of the originals and of earlier pastes', () => {
    const dann = templates.find((t) => t.id === 'dann')!.document;
    const ed = new EditorStore(specs, dann);
    ed.copy(['extractor', 'head']);
    const first = ed.paste();
    const second = ed.paste();
    const others = ed.getState().nodes.filter((n) => !first.includes(n.id) && !second.includes(n.id));
    for (const id of [...first, ...second]) {
      const p = ed.node(id)!.position;
      for (const o of ed.getState().nodes.filter((n) => n.id !== id && !(first.includes(id) ? first : second).includes(n.id))) expect(overlaps(card(p), card(o.position), 0)).toBe(false);
    }
    expect(others).toHaveLength(dann.nodes.length);
  });

  it('auto-layout puts unwired nodes in a grid, not one column', () => {
    const ed = new EditorStore(specs);
    for (let i = 0; i < 9; i++) ed.addNode('mlpExtractor', { x: 0, y: 0 });
    ed.autoLayout();
    const xs = new Set(ed.getState().nodes.map((n) => n.position.x));
    const ys = new Set(ed.getState().nodes.map((n) => n.position.y));
    expect(xs.size).toBe(3);
    expect(ys.size).toBe(3);
    expect(noOverlaps(ed.getState().nodes.map((n) => n.position))).toBe(true);
  });

  it('auto-layout keeps wired nodes left to right and puts loose ones below them', () => {
    const dann = templates.find((t) => t.id === 'dann')!.document;
    const ed = new EditorStore(specs, dann);
    const loose = [ed.addNode('evaluate'), ed.addNode('evaluate')];
    ed.autoLayout();
    const wiredBottom = Math.max(...dann.nodes.map((n) => ed.node(n.id)!.position.y));
    for (const id of loose) expect(ed.node(id)!.position.y).toBeGreaterThan(wiredBottom);
    for (const e of dann.edges) expect(ed.node(e.source)!.position.x).toBeLessThan(ed.node(e.target)!.position.x);
  });

  it('gridPositions fills rows of a near-square grid', () => {
    const g = gridPositions(Array.from({ length: 5 }, () => ({ width: 100, height: 50 })), { x: 0, y: 0 });
    expect(g.map((p) => p.y)).toEqual([0, 0, 0, 98, 98]);
    expect(new Set(g.map((p) => p.x)).size).toBe(3);
  });
});
