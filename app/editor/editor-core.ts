import type { GraphDocument, GraphNode } from '../../formats/graph-document';
import { documentOf, emptyDocument, snapshot, stateOf, type EditorState, type NodeSpec, type Snapshot } from './editor-document';
import { nodeRect } from './graph-layout';
import type { Rect } from './placement';
import { UndoHistory } from './undo-history';

const HISTORY_LIMIT = 200;

/**
 * The mechanics under the editor's actions (editor-store.ts): the state and who listens to it, undo/redo with
 * drags and typing each one step, and the node kinds. Every action goes through `commit`, `move` or `set`.
 */
export class EditorCore {
  protected readonly specs: ReadonlyMap<string, NodeSpec>;
  protected state: EditorState;
  protected readonly history = new UndoHistory<Snapshot>(HISTORY_LIMIT);
  protected listeners = new Set<() => void>();
  /** Set while a drag is in progress: the snapshot from before it, pushed once when it ends. */
  protected dragStart: Snapshot | null = null;
  /** The field last edited with `coalesce`; any other change ends the run of edits. */
  protected coalesceTag: string | null = null;

  constructor(catalog: readonly NodeSpec[], doc: GraphDocument = emptyDocument()) {
    this.specs = new Map(catalog.map((s) => [s.type, s]));
    this.state = stateOf(doc);
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
    this.history.clear();
    this.dragStart = null;
    this.set(stateOf(doc));
  }

  /** Forget undo/redo (after programmatic set-up such as an initial layout). */
  clearHistory(): void {
    this.history.clear();
    this.coalesceTag = null;
  }

  /** Marks nodes as added/changed (a version comparison); an empty object clears the marks. */
  setHighlights(highlights: Readonly<Record<string, 'added' | 'changed'>>): void {
    this.set({ ...this.state, highlights });
  }

  // ---- history ----
  canUndo(): boolean {
    return this.history.canUndo();
  }

  canRedo(): boolean {
    return this.history.canRedo();
  }

  undo(): void {
    this.coalesceTag = null;
    const prev = this.history.undo(snapshot(this.state));
    if (prev) this.restore(prev);
  }

  redo(): void {
    this.coalesceTag = null;
    const next = this.history.redo(snapshot(this.state));
    if (next) this.restore(next);
  }

  // ---- internals ----
  protected rect(n: GraphNode): Rect {
    return nodeRect(n, this.specs.get(n.type));
  }

  protected rects(): Rect[] {
    return this.state.nodes.map((n) => this.rect(n));
  }

  /**
   * A move of nodes or notes. While `dragging` it is transient: the state before the drag is kept and becomes one
   * undo step when the final move (not dragging) arrives. A final move that changed nothing outside a drag is no step.
   */
  protected move(next: EditorState, changed: boolean, dragging: boolean): void {
    if (dragging) {
      this.dragStart ??= snapshot(this.state);
      this.set(next);
      return;
    }
    if (!changed && !this.dragStart) return;
    const before = this.dragStart ?? snapshot(this.state);
    this.dragStart = null;
    this.history.record(before);
    this.set(next);
  }

  protected commit(next: EditorState): void {
    this.coalesceTag = null;
    this.history.record(snapshot(this.state));
    this.set(next);
  }

  protected restore(s: Snapshot): void {
    const ids = new Set(s.nodes.map((n) => n.id));
    const eids = new Set(s.edges.map((e) => e.id));
    this.set({
      ...s,
      selectedNodes: this.state.selectedNodes.filter((id) => ids.has(id)),
      selectedEdges: this.state.selectedEdges.filter((id) => eids.has(id)),
      highlights: this.state.highlights,
    });
  }

  protected set(next: EditorState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}
