import { Graph, layout } from '@dagrejs/dagre';
import type { NodeDefinition } from '../../nodes/core/define-node';
import { canConnect as portTypesMatch } from '../../nodes/core/port-types';
import { GRAPH_FORMAT, GRAPH_VERSION, graphDocumentSchema, type GraphComment, type GraphDocument, type GraphEdge, type GraphGroup, type GraphNode } from '../../formats/graph-document';
import { addComment, groupNodes, updateComment, validGroups, withoutNodes } from './annotations';
import { limits } from '../../formats/limits';
import { freeSpot, gridPositions, pasteOffset, type Rect } from './placement';

/**
 * The editor's logic, headless and framework-free: every user action on the canvas is a method
 * here, so it can be tested without a browser. React components only render `getState()` and
 * call these methods.
 */

/** What the editor needs to know about a node kind (a projection of the registry's catalog). */
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
  /** Selected node ids (not part of undo history). */
  readonly selectedNodes: readonly string[];
  readonly selectedEdges: readonly string[];
  /** Nodes (and `edge:<ends>` keys) marked by a version comparison; not part of undo history. */
  readonly highlights: Readonly<Record<string, 'added' | 'changed'>>;
}

type Snapshot = Pick<EditorState, 'name' | 'description' | 'metadata' | 'nodes' | 'edges' | 'comments' | 'groups'>;

const HISTORY_LIMIT = 200;
/** Approximate rendered node size, for the layout. */
const NODE_WIDTH = 240;
/** Header, port rows, up to four param rows and the shape line of a node card. */
const nodeHeight = (spec: NodeSpec | undefined, node: GraphNode) =>
  64 + 22 * Math.max(spec?.inputs.length ?? 1, spec?.outputs.length ?? 1) + 18 * Math.min(4, Object.keys(node.params).length) + 26;

interface ClipboardPayload {
  readonly format: 'stepstone.clipboard';
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
}

export function emptyDocument(name = 'Untitled graph'): GraphDocument {
  return { format: GRAPH_FORMAT, version: GRAPH_VERSION, name, description: '', nodes: [], edges: [], comments: [], groups: [], metadata: { tags: [] } };
}

export class EditorStore {
  private readonly specs: ReadonlyMap<string, NodeSpec>;
  private state: EditorState;
  private past: Snapshot[] = [];
  private future: Snapshot[] = [];
  private listeners = new Set<() => void>();
  private clipboard: string | null = null;
  /** Set while a drag is in progress: the snapshot from before it, pushed once when it ends. */
  private dragStart: Snapshot | null = null;
  /** The field last edited with `coalesce`; any other change ends the run of edits. */
  private coalesceTag: string | null = null;

  constructor(catalog: readonly NodeSpec[], doc: GraphDocument = emptyDocument()) {
    this.specs = new Map(catalog.map((s) => [s.type, s]));
    this.state = { ...fromDocument(doc), selectedNodes: [], selectedEdges: [], highlights: {} };
  }

  // ---- observation (useSyncExternalStore-compatible) ----
  getState = (): EditorState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  spec(type: string): NodeSpec | undefined {
    return this.specs.get(type);
  }

  catalog(): NodeSpec[] {
    return [...this.specs.values()];
  }

  node(id: string): GraphNode | undefined {
    return this.state.nodes.find((n) => n.id === id);
  }

  // ---- document ----
  toDocument(): GraphDocument {
    return documentOf(this.state);
  }

  /** Replace the whole graph (open a template, import a file). Clears history. */
  load(doc: GraphDocument): void {
    this.past = [];
    this.future = [];
    this.dragStart = null;
    this.set({ ...fromDocument(doc), selectedNodes: [], selectedEdges: [], highlights: {} });
  }

  /** Forget undo/redo (after programmatic set-up such as an initial layout). */
  clearHistory(): void {
    this.past = [];
    this.future = [];
    this.coalesceTag = null;
  }

  /** Marks nodes as added/changed (a version comparison); an empty object clears the marks. */
  setHighlights(highlights: Readonly<Record<string, 'added' | 'changed'>>): void {
    this.set({ ...this.state, highlights });
  }

  rename(name: string): void {
    const trimmed = name.slice(0, limits.maxNameLength);
    if (trimmed === this.state.name) return;
    this.commit({ ...this.state, name: trimmed });
  }

  setDescription(description: string): void {
    this.commit({ ...this.state, description: description.slice(0, limits.maxDescriptionLength) });
  }

  // ---- nodes ----
  /** Add a node of `type` with its default params; returns its id. */
  addNode(type: string, position: { x: number; y: number } = { x: 0, y: 0 }): string {
    const spec = this.specs.get(type);
    if (!spec) throw new Error(`Unknown node type "${type}"`);
    if (this.state.nodes.length >= limits.maxNodes) throw new Error(`A graph holds at most ${limits.maxNodes} nodes`);
    const id = this.freshId(type);
    const node: GraphNode = { id, type, typeVersion: spec.version, params: structuredClone({ ...spec.defaults }), position: { ...position } };
    this.commit({ ...this.state, nodes: [...this.state.nodes, node], selectedNodes: [id], selectedEdges: [] });
    return id;
  }

  /** Add a node of `type` centred as near `point` as it fits without covering another node; returns its id. */
  addNodeNear(type: string, point: { x: number; y: number }): string {
    const size = { width: NODE_WIDTH, height: nodeHeight(this.specs.get(type), { params: this.specs.get(type)?.defaults ?? {} } as GraphNode) };
    const spot = freeSpot({ x: point.x - size.width / 2, y: point.y - size.height / 2 }, size, this.rects());
    return this.addNode(type, spot);
  }

  /**
   * Move nodes. While `dragging` is true the moves are transient (one history entry for the
   * whole drag, recorded when a move with `dragging: false` arrives).
   */
  moveNodes(moves: ReadonlyArray<{ id: string; position: { x: number; y: number } }>, dragging = false): void {
    const byId = new Map(moves.map((m) => [m.id, m.position]));
    const nodes = this.state.nodes.map((n) => {
      const p = byId.get(n.id);
      const moved = p && Number.isFinite(p.x) && Number.isFinite(p.y) && (p.x !== n.position.x || p.y !== n.position.y);
      return moved ? { ...n, position: { x: p.x, y: p.y } } : n;
    });
    if (dragging) {
      this.dragStart ??= snapshot(this.state);
      this.set({ ...this.state, nodes });
      return;
    }
    const changed = nodes.some((n, i) => n !== this.state.nodes[i]);
    if (!changed && !this.dragStart) return;
    const before = this.dragStart ?? snapshot(this.state);
    this.dragStart = null;
    this.pushHistory(before);
    this.set({ ...this.state, nodes });
  }

  /**
   * Set one param. With `coalesce`, consecutive edits of the same field (typing) make one undo step.
   */
  setParam(nodeId: string, key: string, value: unknown, opts: { coalesce?: boolean } = {}): void {
    const node = this.node(nodeId);
    if (!node) throw new Error(`No node "${nodeId}"`);
    const params = { ...node.params };
    if (value === undefined) delete params[key];
    else params[key] = value;
    const next = { ...this.state, nodes: this.state.nodes.map((n) => (n.id === nodeId ? { ...n, params } : n)) };
    const tag = `${nodeId}\u0000${key}`;
    if (opts.coalesce && this.coalesceTag === tag && this.past.length > 0) {
      this.future = [];
      this.set(next);
      return;
    }
    this.commit(next);
    if (opts.coalesce) this.coalesceTag = tag;
  }

  /** Set several params as one undo step (`undefined` removes a key). */
  setParams(nodeId: string, patch: Readonly<Record<string, unknown>>): void {
    const node = this.node(nodeId);
    if (!node) throw new Error(`No node "${nodeId}"`);
    const params = { ...node.params };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete params[k];
      else params[k] = v;
    }
    this.commit({ ...this.state, nodes: this.state.nodes.map((n) => (n.id === nodeId ? { ...n, params } : n)) });
  }

  setLabel(nodeId: string, label: string): void {
    const l = label.trim().slice(0, limits.maxNameLength);
    this.commit({
      ...this.state,
      nodes: this.state.nodes.map((n) => {
        if (n.id !== nodeId) return n;
        const { label: _old, ...rest } = n;
        return l ? { ...rest, label: l } : rest;
      }),
    });
  }

  // ---- edges ----
  /** Whether a connection is legal: ports exist, types match, no self-loop, duplicate or cycle. */
  checkConnection(c: Connection): ConnectCheck {
    const from = this.node(c.source);
    const to = this.node(c.target);
    if (!from || !to) return { ok: false, reason: 'Both ends must be nodes of this graph.' };
    if (c.source === c.target) return { ok: false, reason: 'A node cannot connect to itself.' };
    const out = this.specs.get(from.type)?.outputs.find((p) => p.name === c.sourcePort);
    const inp = this.specs.get(to.type)?.inputs.find((p) => p.name === c.targetPort);
    if (!out) return { ok: false, reason: `"${from.type}" has no output "${c.sourcePort}".` };
    if (!inp) return { ok: false, reason: `"${to.type}" has no input "${c.targetPort}".` };
    if (!portTypesMatch(out.type, inp.type)) {
      return { ok: false, reason: `Cannot connect ${out.type} output "${out.label}" to ${inp.type} input "${inp.label}".` };
    }
    if (this.state.edges.some((e) => e.source === c.source && e.sourcePort === c.sourcePort && e.target === c.target && e.targetPort === c.targetPort)) {
      return { ok: false, reason: 'These ports are already connected.' };
    }
    if (this.reaches(c.target, c.source)) return { ok: false, reason: 'This connection would make a cycle.' };
    return { ok: true };
  }

  /**
   * Connect two ports. An input that takes a single edge has its old edge replaced.
   * Returns the new edge id, or the reason it was rejected.
   */
  connect(c: Connection): { ok: true; edgeId: string; replaced: string[] } | { ok: false; reason: string } {
    const check = this.checkConnection(c);
    if (!check.ok) return check;
    const to = this.node(c.target)!;
    const inp = this.specs.get(to.type)!.inputs.find((p) => p.name === c.targetPort)!;
    const replaced = inp.multiple ? [] : this.state.edges.filter((e) => e.target === c.target && e.targetPort === c.targetPort).map((e) => e.id);
    if (this.state.edges.length - replaced.length >= limits.maxEdges) return { ok: false, reason: `A graph holds at most ${limits.maxEdges} edges.` };
    const edgeId = this.freshEdgeId();
    const edge: GraphEdge = { id: edgeId, source: c.source, sourcePort: c.sourcePort, target: c.target, targetPort: c.targetPort };
    this.commit({ ...this.state, edges: [...this.state.edges.filter((e) => !replaced.includes(e.id)), edge] });
    return { ok: true, edgeId, replaced };
  }

  // ---- deletion & selection ----
  select(nodeIds: readonly string[], edgeIds: readonly string[] = []): void {
    const nodes = new Set(this.state.nodes.map((n) => n.id));
    const edges = new Set(this.state.edges.map((e) => e.id));
    this.set({ ...this.state, selectedNodes: nodeIds.filter((id) => nodes.has(id)), selectedEdges: edgeIds.filter((id) => edges.has(id)) });
  }

  /** Delete nodes (with their edges) and edges. */
  delete(nodeIds: readonly string[], edgeIds: readonly string[] = []): void {
    const dn = new Set(nodeIds);
    const de = new Set(edgeIds);
    const nodes = this.state.nodes.filter((n) => !dn.has(n.id));
    const edges = this.state.edges.filter((e) => !de.has(e.id) && !dn.has(e.source) && !dn.has(e.target));
    if (nodes.length === this.state.nodes.length && edges.length === this.state.edges.length) return;
    this.commit({
      ...this.state,
      nodes,
      edges,
      groups: withoutNodes(this.state.groups, dn),
      selectedNodes: this.state.selectedNodes.filter((id) => !dn.has(id)),
      selectedEdges: this.state.selectedEdges.filter((id) => edges.some((e) => e.id === id)),
    });
  }

  deleteSelection(): void {
    this.delete(this.state.selectedNodes, this.state.selectedEdges);
  }

  // ---- comments and groups ----
  /** Add a sticky note at `position`; returns its id. */
  addComment(position: { x: number; y: number }, text = ''): string {
    const comments = addComment(this.state.comments, position, text);
    this.commit({ ...this.state, comments });
    return comments[comments.length - 1]!.id;
  }

  /** Edit a note's text (typing coalesces into one undo step) or move it. */
  updateComment(id: string, patch: { text?: string; position?: { x: number; y: number } }): void {
    const tag = `comment\u0000${id}`;
    const next = { ...this.state, comments: updateComment(this.state.comments, id, patch) };
    if (patch.text !== undefined && this.coalesceTag === tag) return this.set(next);
    this.commit(next);
    if (patch.text !== undefined) this.coalesceTag = tag;
  }

  /** Move a note; while `dragging` the moves are transient (one undo step per drag, as `moveNodes`). */
  moveComment(id: string, position: { x: number; y: number } | undefined, dragging = false): void {
    const comments = position ? updateComment(this.state.comments, id, { position }) : this.state.comments;
    if (dragging) {
      this.dragStart ??= snapshot(this.state);
      this.set({ ...this.state, comments });
      return;
    }
    const before = this.dragStart ?? snapshot(this.state);
    this.dragStart = null;
    this.pushHistory(before);
    this.set({ ...this.state, comments });
  }

  deleteComment(id: string): void {
    this.commit({ ...this.state, comments: this.state.comments.filter((c) => c.id !== id) });
  }

  /** Frame nodes (default: the selection) in a titled group; returns its id or null when none is selected. */
  group(nodeIds: readonly string[] = this.state.selectedNodes, title = 'Group'): string | null {
    if (nodeIds.length === 0) return null;
    const groups = groupNodes(this.state.groups, nodeIds, title);
    this.commit({ ...this.state, groups });
    return groups[groups.length - 1]!.id;
  }

  renameGroup(id: string, title: string): void {
    this.commit({ ...this.state, groups: this.state.groups.map((g) => (g.id === id ? { ...g, title: title.slice(0, limits.maxNameLength) } : g)) });
  }

  ungroup(id: string): void {
    this.commit({ ...this.state, groups: this.state.groups.filter((g) => g.id !== id) });
  }

  /** Move a group: all its nodes by the same offset (transient while dragging, as `moveNodes`). */
  moveGroup(id: string, delta: { x: number; y: number }, dragging = false): void {
    const members = new Set(this.state.groups.find((g) => g.id === id)?.nodes ?? []);
    const moves = this.state.nodes.filter((n) => members.has(n.id)).map((n) => ({ id: n.id, position: { x: n.position.x + delta.x, y: n.position.y + delta.y } }));
    this.moveNodes(moves, dragging);
  }

  // ---- clipboard ----
  /** Copy nodes (default: the selection) and the edges between them; returns the clipboard text. */
  copy(nodeIds: readonly string[] = this.state.selectedNodes): string | null {
    const ids = new Set(nodeIds);
    if (ids.size === 0) return null;
    const payload: ClipboardPayload = {
      format: 'stepstone.clipboard',
      nodes: this.state.nodes.filter((n) => ids.has(n.id)),
      edges: this.state.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    };
    this.clipboard = JSON.stringify(payload);
    return this.clipboard;
  }

  /**
   * Paste clipboard text (default: the last copy) as new nodes with fresh ids, offset from the
   * originals, and select them. Unknown node kinds and malformed text are rejected, not executed.
   */
  paste(text: string | null = this.clipboard): string[] {
    if (!text) return [];
    let payload: ClipboardPayload;
    try {
      payload = parseClipboard(text);
    } catch {
      return [];
    }
    const idMap = new Map<string, string>();
    const taken = new Set(this.state.nodes.map((n) => n.id));
    const nodes: GraphNode[] = [];
    const known = payload.nodes.filter((n) => this.specs.has(n.type));
    // Below the copied nodes and clear of every node on the canvas (never on top of the originals).
    const { dx, dy } = pasteOffset(known.map((n) => this.rect(n)), this.rects());
    for (const n of known) {
      const id = this.freshId(n.type, taken);
      taken.add(id);
      idMap.set(n.id, id);
      nodes.push({ ...structuredClone(n), id, position: { x: n.position.x + dx, y: n.position.y + dy } });
    }
    if (nodes.length === 0) return [];
    if (this.state.nodes.length + nodes.length > limits.maxNodes) return [];
    let next = 1 + this.maxEdgeNumber();
    const edges: GraphEdge[] = [];
    for (const e of payload.edges) {
      const source = idMap.get(e.source);
      const target = idMap.get(e.target);
      if (source && target) edges.push({ ...e, id: `e${next++}`, source, target });
    }
    // Pasted text stays at the same offset from its source the next time it is pasted.
    this.clipboard = JSON.stringify({ ...payload, nodes: nodes, edges } satisfies ClipboardPayload);
    const ids = nodes.map((n) => n.id);
    this.commit({ ...this.state, nodes: [...this.state.nodes, ...nodes], edges: [...this.state.edges, ...edges], selectedNodes: ids, selectedEdges: [] });
    return ids;
  }

  // ---- history ----
  canUndo(): boolean {
    return this.past.length > 0;
  }

  canRedo(): boolean {
    return this.future.length > 0;
  }

  undo(): void {
    this.coalesceTag = null;
    const prev = this.past.pop();
    if (!prev) return;
    this.future.push(snapshot(this.state));
    this.restore(prev);
  }

  redo(): void {
    this.coalesceTag = null;
    const next = this.future.pop();
    if (!next) return;
    this.past.push(snapshot(this.state));
    this.restore(next);
  }

  // ---- layout ----
  /**
   * Lay the graph out left to right with dagre (one undo step). `sizes` are the rendered sizes
   * when known; otherwise they are estimated from ports and params.
   */
  autoLayout(sizes?: ReadonlyMap<string, { width: number; height: number }>): void {
    if (this.state.nodes.length === 0) return;
    const size = (n: GraphNode) => sizes?.get(n.id) ?? { width: NODE_WIDTH, height: nodeHeight(this.specs.get(n.type), n) };
    const wiredIds = new Set(this.state.edges.flatMap((e) => [e.source, e.target]));
    const wired = this.state.nodes.filter((n) => wiredIds.has(n.id));
    const loose = this.state.nodes.filter((n) => !wiredIds.has(n.id));
    const placed = new Map<string, { x: number; y: number }>();
    let bottom = 20;
    if (wired.length > 0) {
      const g = new Graph();
      g.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 80, marginx: 20, marginy: 20 });
      g.setDefaultEdgeLabel(() => ({}));
      for (const n of wired) g.setNode(n.id, { ...size(n) });
      for (const e of this.state.edges) g.setEdge(e.source, e.target);
      layout(g);
      for (const n of wired) {
        const p = g.node(n.id);
        const { width, height } = size(n);
        // dagre gives centres; React Flow positions are top-left corners.
        placed.set(n.id, { x: Math.round(p.x - width / 2), y: Math.round(p.y - height / 2) });
        bottom = Math.max(bottom, Math.round(p.y + height / 2) + 60);
      }
    }
    // Nodes without wires: a readable grid under the wired part (dagre would stack them in one column).
    const grid = gridPositions(loose.map(size), { x: 20, y: wired.length > 0 ? bottom : 20 });
    loose.forEach((n, i) => placed.set(n.id, grid[i]!));
    this.commit({ ...this.state, nodes: this.state.nodes.map((n) => ({ ...n, position: placed.get(n.id) ?? n.position })) });
  }

  // ---- internals ----
  private rect(n: GraphNode): Rect {
    return { x: n.position.x, y: n.position.y, width: NODE_WIDTH, height: nodeHeight(this.specs.get(n.type), n) };
  }

  private rects(): Rect[] {
    return this.state.nodes.map((n) => this.rect(n));
  }

  private reaches(from: string, to: string): boolean {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const cur = stack.pop()!;
      if (cur === to) return true;
      if (seen.has(cur)) continue;
      seen.add(cur);
      for (const e of this.state.edges) if (e.source === cur) stack.push(e.target);
    }
    return false;
  }

  private freshId(type: string, taken: ReadonlySet<string> = new Set(this.state.nodes.map((n) => n.id))): string {
    const base = type.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, limits.maxIdLength - 6) || 'node';
    for (let i = 1; ; i++) {
      const id = `${base}-${i}`;
      if (!taken.has(id)) return id;
    }
  }

  private maxEdgeNumber(): number {
    let max = 0;
    for (const e of this.state.edges) {
      const m = /^e(\d+)$/.exec(e.id);
      if (m) max = Math.max(max, Number(m[1]));
    }
    return max;
  }

  private freshEdgeId(): string {
    const taken = new Set(this.state.edges.map((e) => e.id));
    let n = this.maxEdgeNumber() + 1;
    while (taken.has(`e${n}`)) n++;
    return `e${n}`;
  }

  private pushHistory(s: Snapshot): void {
    this.past.push(s);
    if (this.past.length > HISTORY_LIMIT) this.past.shift();
    this.future = [];
  }

  private commit(next: EditorState): void {
    this.coalesceTag = null;
    this.pushHistory(snapshot(this.state));
    this.set(next);
  }

  private restore(s: Snapshot): void {
    const ids = new Set(s.nodes.map((n) => n.id));
    const eids = new Set(s.edges.map((e) => e.id));
    this.set({
      ...s,
      selectedNodes: this.state.selectedNodes.filter((id) => ids.has(id)),
      selectedEdges: this.state.selectedEdges.filter((id) => eids.has(id)),
      highlights: this.state.highlights,
    });
  }

  private set(next: EditorState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
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
    metadata: s.metadata,
  };
}

function snapshot(s: EditorState): Snapshot {
  return { name: s.name, description: s.description, metadata: s.metadata, nodes: s.nodes, edges: s.edges, comments: s.comments, groups: s.groups };
}

function fromDocument(doc: GraphDocument): Snapshot {
  return {
    name: doc.name,
    description: doc.description,
    metadata: doc.metadata,
    nodes: doc.nodes.map((n) => ({ ...n, params: { ...n.params }, position: { ...n.position } })),
    edges: doc.edges.map((e) => ({ ...e })),
    comments: doc.comments.map((c) => ({ ...c, position: { ...c.position } })),
    groups: validGroups(doc.groups, doc.nodes),
  };
}

const clipboardDoc = graphDocumentSchema.pick({ nodes: true, edges: true });

function parseClipboard(text: string): ClipboardPayload {
  if (text.length > limits.maxGraphBytes) throw new Error('Clipboard too large');
  const raw: unknown = JSON.parse(text);
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== 'stepstone.clipboard') throw new Error('Not a Stepstone clipboard');
  const parsed = clipboardDoc.parse(raw);
  return { format: 'stepstone.clipboard', nodes: parsed.nodes, edges: parsed.edges };
}
