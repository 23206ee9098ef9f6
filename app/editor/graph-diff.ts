import { isDeepEqual } from './deep-equal';
import type { GraphDocument, GraphEdge } from '../../formats/graph-document';

export interface ParamChange {
  readonly key: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface NodeChange {
  readonly id: string;
  readonly params: readonly ParamChange[];
  /** The kind or the label changed (e.g. a node replaced under the same id). */
  readonly retyped: boolean;
  readonly relabelled: boolean;
}

/** What changed from `before` to `after`. Nodes are matched by id, edges by their two ends. Moves are not changes. */
export interface GraphDiff {
  readonly addedNodes: readonly string[];
  readonly removedNodes: readonly string[];
  readonly changedNodes: readonly NodeChange[];
  readonly addedEdges: readonly GraphEdge[];
  readonly removedEdges: readonly GraphEdge[];
}

export const edgeKey = (e: Pick<GraphEdge, 'source' | 'sourcePort' | 'target' | 'targetPort'>) => `${e.source}.${e.sourcePort}→${e.target}.${e.targetPort}`;

function paramChanges(before: Record<string, unknown>, after: Record<string, unknown>): ParamChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: ParamChange[] = [];
  for (const key of keys) {
    const inB = Object.hasOwn(before, key);
    const inA = Object.hasOwn(after, key);
    if (inB && !inA) out.push({ key, kind: 'removed', before: before[key] });
    else if (!inB && inA) out.push({ key, kind: 'added', after: after[key] });
    else if (!isDeepEqual(before[key], after[key])) out.push({ key, kind: 'changed', before: before[key], after: after[key] });
  }
  return out;
}

export function diffGraphs(before: Pick<GraphDocument, 'nodes' | 'edges'>, after: Pick<GraphDocument, 'nodes' | 'edges'>): GraphDiff {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const changedNodes: NodeChange[] = [];
  for (const n of after.nodes) {
    const o = old.get(n.id);
    if (!o) continue;
    const params = paramChanges(o.params, n.params);
    const retyped = o.type !== n.type;
    const relabelled = (o.label ?? '') !== (n.label ?? '');
    if (params.length || retyped || relabelled) changedNodes.push({ id: n.id, params, retyped, relabelled });
  }
  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  return {
    addedNodes: after.nodes.filter((n) => !old.has(n.id)).map((n) => n.id),
    removedNodes: before.nodes.filter((n) => !now.has(n.id)).map((n) => n.id),
    changedNodes,
    addedEdges: after.edges.filter((e) => !oldEdges.has(edgeKey(e))),
    removedEdges: before.edges.filter((e) => !newEdges.has(edgeKey(e))),
  };
}

export function isEmptyDiff(d: GraphDiff): boolean {
  return !d.addedNodes.length && !d.removedNodes.length && !d.changedNodes.length && !d.addedEdges.length && !d.removedEdges.length;
}

/** How each node of the newer graph shows on the canvas: added or changed (removed ones are listed, not drawn). */
export function diffHighlights(d: GraphDiff): Record<string, 'added' | 'changed'> {
  const out: Record<string, 'added' | 'changed'> = {};
  for (const id of d.addedNodes) out[id] = 'added';
  for (const c of d.changedNodes) out[c.id] = 'changed';
  for (const e of d.addedEdges) out[`edge:${edgeKey(e)}`] = 'added';
  return out;
}
