import type { NodeDefinition } from '../../nodes/core/define-node';
import { GRAPH_FORMAT, GRAPH_VERSION, type GraphComment, type GraphDocument, type GraphEdge, type GraphGroup, type GraphNode } from '../../formats/graph-document';
import { validGroups } from './annotations';

/** What the editor needs of a node kind: its definition's metadata plus default params (no zod at edit time). */
export type NodeSpec = Pick<NodeDefinition, 'type' | 'version' | 'category' | 'taxonomy' | 'title' | 'inputs' | 'outputs'> & {
  /** Default parameter values (parsed from the node's schema with no input). */
  readonly defaults: Readonly<Record<string, unknown>>;
};

export interface Connection {
  readonly source: string;
  readonly sourcePort: string;
  readonly target: string;
  readonly targetPort: string;
}

export type ConnectCheck = { ok: true } | { ok: false; reason: string };

export interface EditorState {
  readonly name: string;
  readonly description: string;
  readonly metadata: GraphDocument['metadata'];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Sticky notes and titled groups of nodes (format version 2). */
  readonly comments: readonly GraphComment[];
  readonly groups: readonly GraphGroup[];
  /** Swept parameters (format version 3). */
  readonly sweeps: GraphDocument['sweeps'];
  /** Selected node ids (not part of undo history). */
  readonly selectedNodes: readonly string[];
  readonly selectedEdges: readonly string[];
  /** Nodes (and `edge:<ends>` keys) marked by a version comparison; not part of undo history. */
  readonly highlights: Readonly<Record<string, 'added' | 'changed'>>;
}

/** The part of the state undo/redo restores: the document, without selection or highlights. */
export type Snapshot = Pick<EditorState, 'name' | 'description' | 'metadata' | 'nodes' | 'edges' | 'comments' | 'groups' | 'sweeps'>;

export function emptyDocument(name = 'Untitled graph'): GraphDocument {
  return { format: GRAPH_FORMAT, version: GRAPH_VERSION, name, description: '', nodes: [], edges: [], comments: [], groups: [], sweeps: [], metadata: { tags: [] } };
}

/** The graph document of an editor state (a copy the caller may mutate). */
export function documentOf(s: Snapshot): GraphDocument {
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name: s.name,
    description: s.description,
    nodes: s.nodes.map((n) => ({ ...n, params: structuredClone(n.params), position: { ...n.position } })),
    edges: s.edges.map((e) => ({ ...e })),
    comments: s.comments.map((c) => ({ ...c, position: { ...c.position } })),
    groups: s.groups.map((g) => ({ ...g, nodes: [...g.nodes] })),
    sweeps: structuredClone(s.sweeps),
    metadata: s.metadata,
  };
}

export function snapshot(s: EditorState): Snapshot {
  return { name: s.name, description: s.description, metadata: s.metadata, nodes: s.nodes, edges: s.edges, comments: s.comments, groups: s.groups, sweeps: s.sweeps };
}

/** A fresh editor state for a document: nothing selected or highlighted. */
export function stateOf(doc: GraphDocument): EditorState {
  return {
    name: doc.name,
    description: doc.description,
    metadata: doc.metadata,
    nodes: doc.nodes.map((n) => ({ ...n, params: { ...n.params }, position: { ...n.position } })),
    edges: doc.edges.map((e) => ({ ...e })),
    comments: doc.comments.map((c) => ({ ...c, position: { ...c.position } })),
    groups: validGroups(doc.groups, doc.nodes),
    sweeps: doc.sweeps.filter((a) => doc.nodes.some((n) => n.id === a.nodeId)),
    selectedNodes: [],
    selectedEdges: [],
    highlights: {},
  };
}
