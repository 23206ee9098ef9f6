import { graphDocumentSchema, type GraphEdge, type GraphNode } from '../../formats/graph-document';
import { limits } from '../../formats/limits';
import { freshNodeId } from './graph-rules';

/** What copy puts on the clipboard: nodes and the edges between them, as data. */
export interface ClipboardPayload {
  readonly format: 'stepstone.clipboard';
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
}

/** The nodes `ids` and the edges between them, as clipboard text. */
export function copyText(nodes: readonly GraphNode[], edges: readonly GraphEdge[], ids: ReadonlySet<string>): string {
  const payload: ClipboardPayload = { format: 'stepstone.clipboard', nodes: nodes.filter((n) => ids.has(n.id)), edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
  return JSON.stringify(payload);
}

const clipboardDoc = graphDocumentSchema.pick({ nodes: true, edges: true });

/** Parses clipboard text as graph data (validated like a document); throws on anything else. */
export function parseClipboard(text: string): ClipboardPayload {
  if (text.length > limits.maxGraphBytes) throw new Error('Clipboard too large');
  const raw: unknown = JSON.parse(text);
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== 'stepstone.clipboard') throw new Error('Not a Stepstone clipboard');
  const parsed = clipboardDoc.parse(raw);
  return { format: 'stepstone.clipboard', nodes: parsed.nodes, edges: parsed.edges };
}

/**
 * The clipboard's nodes as new ones: fresh ids (not in `taken`), moved by `offset`, with the edges between them
 * renumbered from `firstEdge`. Edges to nodes left out (unknown kinds) are dropped.
 */
export function pastedCopy(nodes: readonly GraphNode[], edges: readonly GraphEdge[], taken: ReadonlySet<string>, offset: { dx: number; dy: number }, firstEdge: number): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const ids = new Set(taken);
  const idMap = new Map<string, string>();
  const out = nodes.map((n) => {
    const id = freshNodeId(n.type, ids);
    ids.add(id);
    idMap.set(n.id, id);
    return { ...structuredClone(n), id, position: { x: n.position.x + offset.dx, y: n.position.y + offset.dy } };
  });
  let next = firstEdge;
  const outEdges: GraphEdge[] = [];
  for (const e of edges) {
    const source = idMap.get(e.source);
    const target = idMap.get(e.target);
    if (source && target) outEdges.push({ ...e, id: `e${next++}`, source, target });
  }
  return { nodes: out, edges: outEdges };
}
