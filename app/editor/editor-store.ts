import type { SweepAxis } from '../../formats/sweep';
import type { GraphEdge, GraphNode } from '../../formats/graph-document';
import { limits } from '../../formats/limits';
import { addComment, groupNodes, updateComment, withoutNodes } from './annotations';
import { copyText, parseClipboard, pastedCopy, type ClipboardPayload } from './clipboard';
import { EditorCore } from './editor-core';
import type { ConnectCheck, Connection } from './editor-document';
import { layoutPositions, makeRoom, NODE_WIDTH, nodeHeight } from './graph-layout';
import { checkConnection, freshEdgeId, freshNodeId, maxEdgeNumber } from './graph-rules';
import { freeSpot, pasteOffset } from './placement';

/**
 * The editor's logic, headless and framework-free: every user action on the canvas is a method
 * here, so it can be tested without a browser. React components only render `getState()` and
 * call these methods. Its parts: the mechanics (state, listeners, undo/redo: editor-core.ts), the state and
 * document shapes (editor-document.ts), connection rules and ids (graph-rules.ts), layout (graph-layout.ts),
 * clipboard data (clipboard.ts), placement (placement.ts) and notes/groups (annotations.ts).
 */

export class EditorStore extends EditorCore {
  private clipboard: string | null = null;

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
    const id = freshNodeId(type, new Set(this.state.nodes.map((n) => n.id)));
    const node: GraphNode = { id, type, typeVersion: spec.version, params: structuredClone({ ...spec.defaults }), position: { ...position } };
    this.commit({ ...this.state, nodes: [...this.state.nodes, node], selectedNodes: [id], selectedEdges: [] });
    return id;
  }

  /** Add a node of `type` centred as near `point` as it fits without covering another node; returns its id. */
  addNodeNear(type: string, point: { x: number; y: number }): string {
    const size = { width: NODE_WIDTH, height: nodeHeight(this.specs.get(type), this.specs.get(type)?.defaults ?? {}) };
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
    this.move({ ...this.state, nodes }, nodes.some((n, i) => n !== this.state.nodes[i]), dragging);
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
    const next = { ...this.state, nodes: this.withParams(node, params) };
    const tag = `${nodeId}\u0000${key}`;
    if (opts.coalesce && this.coalesceTag === tag && this.history.canUndo()) {
      this.history.dropRedo();
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
    this.commit({ ...this.state, nodes: this.withParams(node, params) });
  }

  /** The nodes with `node`'s params replaced; a card that grows taller (an upload's thumbnail) pushes those below it down. */
  private withParams(node: GraphNode, params: Record<string, unknown>): GraphNode[] {
    const spec = this.specs.get(node.type);
    const updated = { ...node, params };
    const nodes = this.state.nodes.map((n) => (n.id === node.id ? updated : n));
    return makeRoom(nodes, updated, nodeHeight(spec, params) - nodeHeight(spec, node.params));
  }

  /** Marks a param as swept (a list or a range of values), or unmarks it (null); one undo step. */
  setSweep(nodeId: string, param: string, axis: Omit<SweepAxis, 'nodeId' | 'param'> | null): void {
    const rest = this.state.sweeps.filter((a) => a.nodeId !== nodeId || a.param !== param);
    this.commit({ ...this.state, sweeps: axis ? [...rest, { ...axis, nodeId, param }] : rest });
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
    return checkConnection(this.state.nodes, this.state.edges, this.specs, c);
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
    const edgeId = freshEdgeId(this.state.edges);
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
      sweeps: this.state.sweeps.filter((a) => !dn.has(a.nodeId)),
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
    this.move({ ...this.state, comments }, comments !== this.state.comments, dragging);
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
    this.clipboard = copyText(this.state.nodes, this.state.edges, ids);
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
    const known = payload.nodes.filter((n) => this.specs.has(n.type));
    if (known.length === 0 || this.state.nodes.length + known.length > limits.maxNodes) return [];
    // Below the copied nodes and clear of every node on the canvas (never on top of the originals).
    const offset = pasteOffset(known.map((n) => this.rect(n)), this.rects());
    const { nodes, edges } = pastedCopy(known, payload.edges, new Set(this.state.nodes.map((n) => n.id)), offset, 1 + maxEdgeNumber(this.state.edges));
    // Pasted text stays at the same offset from its source the next time it is pasted.
    this.clipboard = JSON.stringify({ ...payload, nodes: nodes, edges } satisfies ClipboardPayload);
    const ids = nodes.map((n) => n.id);
    this.commit({ ...this.state, nodes: [...this.state.nodes, ...nodes], edges: [...this.state.edges, ...edges], selectedNodes: ids, selectedEdges: [] });
    return ids;
  }

  // ---- layout ----
  /**
   * Lay the graph out left to right with dagre (one undo step). `sizes` are the rendered sizes
   * when known; otherwise they are estimated from ports and params.
   */
  autoLayout(sizes?: ReadonlyMap<string, { width: number; height: number }>): void {
    if (this.state.nodes.length === 0) return;
    const size = (n: GraphNode) => sizes?.get(n.id) ?? { width: NODE_WIDTH, height: nodeHeight(this.specs.get(n.type), n.params) };
    const placed = layoutPositions(this.state.nodes, this.state.edges, size);
    this.commit({ ...this.state, nodes: this.state.nodes.map((n) => ({ ...n, position: placed.get(n.id) ?? n.position })) });
  }

}
