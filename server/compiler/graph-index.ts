import type { GraphDocument, GraphEdge, GraphNode } from '../../formats/graph-document';
import type { NodeType } from '../../nodes/registry';
import { isKind, type NodeOf, type TypedNode } from './typed-node';

/**
 * Look-ups over a graph after the wiring checks: only edges whose ends, ports and types are valid are
 * kept, so later passes can follow them without re-checking. Maps (not objects) because ids are user data.
 */
export class GraphIndex {
  readonly nodes = new Map<string, GraphNode>();
  readonly typed = new Map<string, TypedNode>();
  private readonly incoming = new Map<string, GraphEdge[]>();
  private readonly outgoing = new Map<string, GraphEdge[]>();

  constructor(readonly document: GraphDocument) {
    for (const node of document.nodes) if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
  }

  addEdge(edge: GraphEdge): void {
    push(this.incoming, `${edge.target}\u0000${edge.targetPort}`, edge);
    push(this.outgoing, edge.source, edge);
  }

  /** Valid edges ending at a node's input port. */
  inputs(nodeId: string, port: string): GraphEdge[] {
    return this.incoming.get(`${nodeId}\u0000${port}`) ?? [];
  }

  /** Valid edges leaving a node. */
  outputs(nodeId: string): GraphEdge[] {
    return this.outgoing.get(nodeId) ?? [];
  }

  /** Typed nodes feeding a node's input port. */
  sources(nodeId: string, port: string): TypedNode[] {
    return this.inputs(nodeId, port).flatMap((e) => {
      const n = this.typed.get(e.source);
      return n ? [n] : [];
    });
  }

  ofKind<K extends NodeType>(...kinds: K[]): NodeOf<K>[] {
    return [...this.typed.values()].filter((n): n is NodeOf<K> => isKind(n, ...kinds));
  }

  /** Display name of a node for messages: its label, else its kind and id. */
  describe(nodeId: string): string {
    const node = this.nodes.get(nodeId);
    return node?.label ? `"${node.label}"` : `${node?.type ?? 'node'} "${nodeId}"`;
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
