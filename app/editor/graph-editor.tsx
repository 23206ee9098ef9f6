'use client';

import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection as FlowConnection,
  type Edge,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { GraphDocument } from '../../formats/graph-document';
import { portTypes } from '../../nodes/core/port-types';
import { categoryColors, toNodeSpec, type NodeCatalogEntry } from './catalog';
import { EditorStore, documentOf } from './editor-store';
import { Inspector } from './inspector';
import { NodePalette } from './node-palette';
import { StepNode, type StepFlowNode } from './step-node';
import { useEditorState } from './use-editor';
import { useGraphCheck, type GraphCheck } from './use-graph-check';
import { groupIssues, shapeText, type GraphIssue } from './validation';

const nodeTypes = { step: StepNode };

export interface GraphEditorProps {
  catalog: readonly NodeCatalogEntry[];
  initialDocument: GraphDocument;
  readOnly?: boolean;
  /** Toolbar content rendered right of the built-in buttons; receives the store. */
  actions?: (ctx: { store: EditorStore; check: GraphCheck }) => ReactNode;
  uploads?: ReadonlyArray<{ id: string; name: string }>;
  /** Called with the store once it exists (pages keep it to save, export, run). */
  onStore?: (store: EditorStore) => void | (() => void);
  /** Arrange the graph with auto-layout when it opens (templates). */
  layoutOnOpen?: boolean;
}

export function GraphEditor(props: GraphEditorProps) {
  return (
    <ReactFlowProvider>
      <EditorInner {...props} />
    </ReactFlowProvider>
  );
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

function EditorInner({ catalog, initialDocument, readOnly = false, actions, uploads, onStore, layoutOnOpen = false }: GraphEditorProps) {
  const [store] = useState(() => {
    const s = new EditorStore(catalog.map(toNodeSpec), initialDocument);
    if (layoutOnOpen) {
      s.autoLayout();
      s.clearHistory();
    }
    return s;
  });
  const state = useEditorState(store);
  const entries = useMemo(() => new Map<string, NodeCatalogEntry>(catalog.map((e) => [e.type, e])), [catalog]);
  const rf = useReactFlow();
  const canvasRef = useRef<HTMLDivElement>(null);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [toast, setToast] = useState<{ text: string; error?: boolean } | null>(null);
  // Sizes React Flow measured, fed back so that controlled nodes keep them.
  const [measured, setMeasured] = useState<ReadonlyMap<string, { width: number; height: number }>>(() => new Map());

  useEffect(() => onStore?.(store), [onStore, store]);

  const { nodes, edges, name, description, metadata } = state;
  const document = useMemo(() => documentOf({ nodes, edges, name, description, metadata }), [nodes, edges, name, description, metadata]);
  const check = useGraphCheck(document);

  const edgeTargets = useMemo(() => new Map(state.edges.map((e) => [e.id, e.target])), [state.edges]);
  const byNode = useMemo(() => groupIssues(check.errors, check.warnings, edgeTargets), [check.errors, check.warnings, edgeTargets]);
  const badEdges = useMemo(() => new Set(check.errors.map((e) => e.edgeId).filter((x): x is string => !!x)), [check.errors]);

  const showToast = useCallback((text: string, error = false) => {
    setToast({ text, error });
    window.setTimeout(() => setToast(null), 3200);
  }, []);

  const selected = useMemo(() => new Set(state.selectedNodes), [state.selectedNodes]);
  const selectedEdges = useMemo(() => new Set(state.selectedEdges), [state.selectedEdges]);

  const rfNodes: StepFlowNode[] = useMemo(
    () =>
      state.nodes.map((n) => ({
        id: n.id,
        type: 'step' as const,
        position: n.position,
        selected: selected.has(n.id),
        measured: measured.get(n.id),
        draggable: !readOnly,
        // A node showing errors is drawn above its neighbours so that its message stays readable.
        zIndex: byNode.get(n.id)?.errors.length ? 10 : undefined,
        data: { node: n, spec: store.spec(n.type), issues: byNode.get(n.id), shape: shapeText(check.shapes?.[n.id]), readOnly },
      })),
    [state.nodes, selected, byNode, check.shapes, store, readOnly, measured],
  );

  const rfEdges: Edge[] = useMemo(
    () =>
      state.edges.map((e) => {
        const src = state.nodes.find((n) => n.id === e.source);
        const port = src ? store.spec(src.type)?.outputs.find((p) => p.name === e.sourcePort) : undefined;
        const color = badEdges.has(e.id) ? '#dc2626' : port ? portTypes[port.type].color : '#94a3b8';
        const sel = selectedEdges.has(e.id);
        return {
          id: e.id,
          source: e.source,
          sourceHandle: e.sourcePort,
          target: e.target,
          targetHandle: e.targetPort,
          selected: sel,
          style: { stroke: color, strokeWidth: sel ? 3.5 : 2, strokeDasharray: badEdges.has(e.id) ? '6 4' : undefined },
        };
      }),
    [state.edges, state.nodes, store, badEdges, selectedEdges],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
      const moves: Array<{ id: string; position: { x: number; y: number } }> = [];
      let dragging = false;
      let dragEnded = false;
      let selectionChanged = false;
      const sizes = new Map<string, { width: number; height: number }>();
      const sel = new Set(store.getState().selectedNodes);
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) {
          sizes.set(c.id, c.dimensions);
        } else if (c.type === 'position') {
          if (c.position) moves.push({ id: c.id, position: c.position });
          if (c.dragging) dragging = true;
          else dragEnded = true;
        } else if (c.type === 'select') {
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
          selectionChanged = true;
        }
      }
      if (!readOnly && (moves.length > 0 || dragEnded)) store.moveNodes(moves, dragging && !dragEnded);
      if (selectionChanged) store.select([...sel], store.getState().selectedEdges);
      if (sizes.size > 0)
        setMeasured((prev) => {
          const changed = [...sizes].some(([id, d]) => prev.get(id)?.width !== d.width || prev.get(id)?.height !== d.height);
          return changed ? new Map([...prev, ...sizes]) : prev;
        });
    },
    [store, readOnly],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const sel = new Set(store.getState().selectedEdges);
      let changed = false;
      for (const c of changes) {
        if (c.type === 'select') {
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
          changed = true;
        }
      }
      if (changed) store.select(store.getState().selectedNodes, [...sel]);
    },
    [store],
  );

  const toConn = (c: FlowConnection | Edge) => ({ source: c.source, sourcePort: c.sourceHandle ?? '', target: c.target, targetPort: c.targetHandle ?? '' });

  const isValidConnection: IsValidConnection = useCallback((c) => !readOnly && store.checkConnection(toConn(c)).ok, [store, readOnly]);

  const onConnect = useCallback(
    (c: FlowConnection) => {
      if (readOnly) return;
      const r = store.connect(toConn(c));
      if (!r.ok) showToast(r.reason, true);
    },
    [store, readOnly, showToast],
  );

  const addNodeAtCentre = useCallback(
    (type: string) => {
      const rect = canvasRef.current?.getBoundingClientRect();
      const centre = rect ? rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
      // Start at the centre of the view and step down-right until the spot is free.
      const taken = store.getState().nodes.map((n) => n.position);
      let pos = { x: Math.round(centre.x - 120), y: Math.round(centre.y - 60) };
      for (let i = 0; i < 50 && taken.some((p) => Math.abs(p.x - pos.x) < 200 && Math.abs(p.y - pos.y) < 120); i++) pos = { x: pos.x + 30, y: pos.y + 60 };
      store.addNode(type, pos);
      setPaletteOpen(false);
    },
    [rf, store],
  );

  const layout = useCallback(() => {
    store.autoLayout(measured);
    window.requestAnimationFrame(() => void rf.fitView({ padding: 0.15, maxZoom: 1, duration: 250 }));
  }, [rf, store, measured]);

  // Keyboard shortcuts (not while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        if (!readOnly) setPaletteOpen(true);
        return;
      }
      if (isTyping(e.target) || paletteOpen) return;
      if (readOnly) return;
      if (e.key === '/') {
        e.preventDefault();
        setPaletteOpen(true);
      } else if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) store.redo();
        else store.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        store.redo();
      } else if (mod && e.key.toLowerCase() === 'c') {
        const text = store.copy();
        if (text) {
          void navigator.clipboard?.writeText(text).catch(() => undefined);
          showToast(`Copied ${store.getState().selectedNodes.length} node(s)`);
        }
      } else if (mod && e.key.toLowerCase() === 'v') {
        const ids = store.paste();
        if (ids.length) showToast(`Pasted ${ids.length} node(s)`);
      } else if (mod && e.key.toLowerCase() === 'a') {
        e.preventDefault();
        store.select(store.getState().nodes.map((n) => n.id));
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        store.deleteSelection();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, readOnly, paletteOpen, showToast]);

  const selectedNode = state.selectedNodes.length === 1 ? state.nodes.find((n) => n.id === state.selectedNodes[0]) : undefined;
  const errorCount = check.errors.length;

  return (
    <div className="editor" data-testid="graph-editor">
      <div className="editor-toolbar">
        <input
          className="name-input"
          type="text"
          aria-label="Graph name"
          value={state.name}
          readOnly={readOnly}
          onChange={(e) => store.rename(e.target.value)}
        />
        {readOnly && <span className="tag">Read-only</span>}
        {!readOnly && (
          <>
            <span className="sep" />
            <button className="btn" onClick={() => setPaletteOpen(true)} title="Add a node (/ or Ctrl+K)">
              + Add node
            </button>
            <button className="btn ghost" onClick={() => store.undo()} disabled={!store.canUndo()} title="Undo (Ctrl+Z)" aria-label="Undo">
              ↶ Undo
            </button>
            <button className="btn ghost" onClick={() => store.redo()} disabled={!store.canRedo()} title="Redo (Ctrl+Shift+Z)" aria-label="Redo">
              ↷ Redo
            </button>
            <button className="btn ghost" onClick={layout} title="Arrange the graph left to right">
              ⇶ Auto-layout
            </button>
          </>
        )}
        <span className="spacer" />
        {actions?.({ store, check })}
      </div>
      <div className="editor-body">
        <div className="editor-canvas" ref={canvasRef}>
          <ReactFlow
            nodes={rfNodes}
            edges={rfEdges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
            deleteKeyCode={null}
            nodesConnectable={!readOnly}
            fitView
            fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
            minZoom={0.2}
            proOptions={{ hideAttribution: true }}
            onPaneClick={() => store.select([])}
          >
            <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="#cbd5e1" />
            {state.nodes.length > 0 && <MiniMap pannable zoomable nodeColor={(n) => categoryColors[(n as StepFlowNode).data.spec?.category ?? 'data']} nodeStrokeWidth={2} />}
            <Controls showInteractive={false} />
          </ReactFlow>
          {state.nodes.length === 0 && !readOnly && (
            <div className="empty" style={{ position: 'absolute', inset: '35% 0 auto', pointerEvents: 'none' }}>
              <h2>An empty canvas</h2>
              Press <kbd>/</kbd> or <kbd>Ctrl</kbd>+<kbd>K</kbd> to add a node, or open a template.
            </div>
          )}
        </div>
        <aside className="editor-side">
          {selectedNode ? (
            <Inspector key={selectedNode.id} store={store} node={selectedNode} entry={entries.get(selectedNode.type)} issues={byNode.get(selectedNode.id)} readOnly={readOnly} uploads={uploads} />
          ) : (
            <GraphPanel store={store} check={check} readOnly={readOnly} />
          )}
        </aside>
      </div>
      <div className="editor-status" data-testid="status-bar">
        {check.pending ? (
          <span className="subtle">Checking…</span>
        ) : check.failure && readOnly ? (
          <span className="subtle">Read-only view</span>
        ) : check.failure ? (
          <span style={{ color: 'var(--danger)' }}>{check.failure}</span>
        ) : errorCount > 0 ? (
          <span style={{ color: 'var(--danger)', fontWeight: 600 }} data-testid="status-errors">
            <span className="status-dot" style={{ background: 'var(--danger)' }} /> {errorCount} error{errorCount === 1 ? '' : 's'}
          </span>
        ) : (
          <span style={{ color: 'var(--ok)', fontWeight: 600 }} data-testid="status-valid">
            <span className="status-dot" style={{ background: 'var(--ok)' }} /> Valid
          </span>
        )}
        {check.warnings.length > 0 && <span style={{ color: 'var(--warn)' }}>{check.warnings.length} warning{check.warnings.length === 1 ? '' : 's'}</span>}
        <span className="sep" style={{ width: 1, height: 16, background: 'var(--border)' }} />
        {check.objective ? (
          <span>
            <span className="subtle">Objective </span>
            <span className="objective" data-testid="objective">
              {check.objective}
            </span>
          </span>
        ) : readOnly ? null : (
          <span className="subtle">The objective appears when the graph compiles.</span>
        )}
        <span className="spacer" />
        <span className="subtle">
          {state.nodes.length} nodes · {state.edges.length} edges
        </span>
      </div>
      {paletteOpen && <NodePalette entries={catalog} onPick={addNodeAtCentre} onClose={() => setPaletteOpen(false)} />}
      {toast && <div className={`toast${toast.error ? ' error' : ''}`}>{toast.text}</div>}
    </div>
  );
}

function GraphPanel({ store, check, readOnly }: { store: EditorStore; check: GraphCheck; readOnly: boolean }) {
  const state = useEditorState(store);
  const all: GraphIssue[] = [...check.errors, ...check.warnings];
  return (
    <div>
      <div className="section-title subtle small" style={{ textTransform: 'uppercase', fontWeight: 600, letterSpacing: 0.4 }}>
        Graph
      </div>
      <h2>{state.name}</h2>
      {readOnly ? (
        state.description && <p className="subtle">{state.description}</p>
      ) : (
        <div className="field">
          <label htmlFor="graph-description">Description</label>
          <textarea id="graph-description" rows={5} style={{ width: '100%' }} value={state.description} onChange={(e) => store.setDescription(e.target.value)} />
        </div>
      )}
      {state.metadata.taxonomy && <span className={`tag ${state.metadata.taxonomy}`}>{state.metadata.taxonomy}</span>}
      <div className="section" style={{ marginTop: 18 }}>
        <div className="section-title subtle small" style={{ textTransform: 'uppercase', fontWeight: 600, letterSpacing: 0.4, marginBottom: 8 }}>
          Compiled objective
        </div>
        {check.objective ? <div className="docs"><div className="formula">{check.objective}</div></div> : <div className="subtle small">Fix the errors below to see the loss this graph optimises.</div>}
      </div>
      <div className="section" style={{ marginTop: 18 }}>
        <div className="section-title subtle small" style={{ textTransform: 'uppercase', fontWeight: 600, letterSpacing: 0.4, marginBottom: 8 }}>
          Problems
        </div>
        {all.length === 0 ? (
          <div className="banner ok small">No problems found.</div>
        ) : (
          <ul className="issue-list" data-testid="issue-list">
            {all.map((i, k) => (
              <li
                key={k}
                className={i.severity}
                onClick={() => {
                  if (i.nodeId) store.select([i.nodeId]);
                  else if (i.edgeId) store.select([], [i.edgeId]);
                }}
              >
                <strong>{i.nodeId ?? (i.edgeId ? `edge ${i.edgeId}` : 'graph')}</strong>: {i.message}
                {i.hint && <div style={{ opacity: 0.85, marginTop: 2 }}>{i.hint}</div>}
              </li>
            ))}
          </ul>
        )}
      </div>
      {!readOnly && (
        <div className="section subtle small" style={{ marginTop: 24, lineHeight: 1.7 }}>
          <div className="section-title" style={{ textTransform: 'uppercase', fontWeight: 600, letterSpacing: 0.4 }}>
            Shortcuts
          </div>
          <div>
            <kbd>/</kbd> or <kbd>Ctrl</kbd>+<kbd>K</kbd> add node · <kbd>Del</kbd> delete
          </div>
          <div>
            <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo · <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>Z</kbd> redo
          </div>
          <div>
            <kbd>Ctrl</kbd>+<kbd>C</kbd> / <kbd>Ctrl</kbd>+<kbd>V</kbd> copy / paste
          </div>
        </div>
      )}
    </div>
  );
}
