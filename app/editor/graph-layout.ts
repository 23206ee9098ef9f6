import { Graph, layout } from '@dagrejs/dagre';
import type { GraphEdge, GraphNode } from '../../formats/graph-document';
import type { NodeSpec } from './editor-document';
import { gridPositions, type Rect } from './placement';

/** Approximate rendered node size, for layout and placement. */
export const NODE_WIDTH = 240;

/** Side of the upload thumbnail on a domain card (step-node.tsx); the strip holding it is 4 px taller. */
export const THUMB_SIZE = 56;

/** A domain card on an upload shows its thumbnail (a deleted upload's card is a little shorter: harmless). */
const hasThumbnail = (params: Readonly<Record<string, unknown>>) => typeof params.dataset === 'string' && params.dataset.startsWith('upload:');

/** Header, port rows, up to four param rows, the upload thumbnail and the shape line of a node card. */
export function nodeHeight(spec: NodeSpec | undefined, params: Readonly<Record<string, unknown>>): number {
  const thumb = hasThumbnail(params) ? THUMB_SIZE + 4 : 0;
  return 64 + 22 * Math.max(spec?.inputs.length ?? 1, spec?.outputs.length ?? 1) + 18 * Math.min(4, Object.keys(params).length) + thumb + 26;
}

export function nodeRect(n: GraphNode, spec: NodeSpec | undefined): Rect {
  return { x: n.position.x, y: n.position.y, width: NODE_WIDTH, height: nodeHeight(spec, n.params) };
}

type Size = { width: number; height: number };

/**
 * After a card grew by `growth` px (e.g. a domain card that now shows an upload's thumbnail), the cards below it in
 * its column move down by as much, keeping their spacing instead of being covered. Other cards stay put.
 */
export function makeRoom(nodes: readonly GraphNode[], grown: GraphNode, growth: number): GraphNode[] {
  if (growth <= 0) return [...nodes];
  const left = grown.position.x;
  const inColumnBelow = (n: GraphNode) => n.id !== grown.id && n.position.y > grown.position.y && n.position.x < left + NODE_WIDTH && left < n.position.x + NODE_WIDTH;
  return nodes.map((n) => (inColumnBelow(n) ? { ...n, position: { x: n.position.x, y: n.position.y + growth } } : n));
}

/**
 * Positions (top-left corners) laying the graph out left to right: wired nodes by dagre, nodes without wires in a
 * readable grid under them (dagre would stack them in one column).
 */
export function layoutPositions(nodes: readonly GraphNode[], edges: readonly GraphEdge[], size: (n: GraphNode) => Size): Map<string, { x: number; y: number }> {
  const wiredIds = new Set(edges.flatMap((e) => [e.source, e.target]));
  const wired = nodes.filter((n) => wiredIds.has(n.id));
  const loose = nodes.filter((n) => !wiredIds.has(n.id));
  const placed = new Map<string, { x: number; y: number }>();
  let bottom = 20;
  if (wired.length > 0) {
    const g = new Graph();
    g.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 80, marginx: 20, marginy: 20 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const n of wired) g.setNode(n.id, { ...size(n) });
    for (const e of edges) g.setEdge(e.source, e.target);
    layout(g);
    for (const n of wired) {
      const p = g.node(n.id);
      const { width, height } = size(n);
      // dagre gives centres; React Flow positions are top-left corners.
      placed.set(n.id, { x: Math.round(p.x - width / 2), y: Math.round(p.y - height / 2) });
      bottom = Math.max(bottom, Math.round(p.y + height / 2) + 60);
    }
  }
  const grid = gridPositions(loose.map(size), { x: 20, y: wired.length > 0 ? bottom : 20 });
  loose.forEach((n, i) => placed.set(n.id, grid[i]!));
  return placed;
}
