'use client';

import { UploadsProvider, type UploadRef } from '../uploads/uploads-context';
import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useResolvedTheme } from '../lib/theme';
import type { GraphDocument } from '../../formats/graph-document';
import { categoryColors, toNodeSpec, type NodeCatalogEntry } from './catalog';
import { EditorStore } from './editor-store';
import { documentOf } from './editor-document';
import { EditorToolbar } from './editor-toolbar';
import { GraphPanel } from './graph-panel';
import { Inspector } from './inspector';
import { WirePalette } from './wire-palette';
import { CanvasOverlays } from './canvas-overlays';
import { usePlacementActions } from './use-placement-actions';
import { PortKeysProvider, useKeyboardConnect } from './keyboard-connect';
import { StatusBar } from './status-bar';
import { CommentNode, GroupNode } from './annotation-nodes';
import { StepNode, type StepFlowNode } from './step-node';
import { useEditorState } from './use-editor';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { useFlowChanges } from './use-flow-changes';
import { useFlowEdges, useFlowNodes } from './use-flow-elements';
import { useGraphCheck, type GraphCheck } from './use-graph-check';
import { useWireFeedback, type LooseWire } from './use-wire-feedback';
import { groupIssues } from './validation';
import { WireRefusal } from './wire-refusal';

const nodeTypes = { step: StepNode, comment: CommentNode, groupFrame: GroupNode };

export interface GraphEditorProps {
  catalog: readonly NodeCatalogEntry[];
  initialDocument: GraphDocument;
  readOnly?: boolean;
  /** Toolbar content rendered right of the built-in buttons; receives the store. */
  actions?: (ctx: { store: EditorStore; check: GraphCheck }) => ReactNode;
  uploads?: ReadonlyArray<UploadRef>;
  /** Called with the store once it exists (pages keep it to save, export, run). */
  onStore?: (store: EditorStore) => void | (() => void);
  /** Arrange the graph with auto-layout when it opens (templates). */
  layoutOnOpen?: boolean;
}

export function GraphEditor(props: GraphEditorProps) {
  return (
    <ReactFlowProvider>
      <UploadsProvider uploads={props.uploads}>
        <EditorInner {...props} />
      </UploadsProvider>
    </ReactFlowProvider>
  );
}

function useToast() {
  const [toast, setToast] = useState<{ text: string; error?: boolean } | null>(null);
  const showToast = useCallback((text: string, error = false) => {
    setToast({ text, error });
    window.setTimeout(() => setToast(null), 3200);
  }, []);
  return { toast, showToast };
}

/** The editor's store, created once; laid out (without an undo step) when asked to. */
function useNewStore(catalog: readonly NodeCatalogEntry[], initialDocument: GraphEditorProps['initialDocument'], layoutOnOpen: boolean): EditorStore {
  const [store] = useState(() => {
    const s = new EditorStore(catalog.map(toNodeSpec), initialDocument);
    if (layoutOnOpen) {
      s.autoLayout();
      s.clearHistory();
    }
    return s;
  });
  return store;
}

function ToastView({ toast }: { toast: { text: string; error?: boolean } }) {
  return (
    <div className={`toast${toast.error ? ' error' : ''}`} aria-hidden>
      {toast.text}
    </div>
  );
}

interface FlowCanvasProps {
  readonly nodes: ReturnType<typeof useFlowNodes>;
  readonly edges: ReturnType<typeof useFlowEdges>;
  readonly onNodesChange: ReturnType<typeof useFlowChanges>['onNodesChange'];
  readonly onEdgesChange: ReturnType<typeof useFlowChanges>['onEdgesChange'];
  readonly wires: ReturnType<typeof useWireFeedback>;
  readonly readOnly: boolean;
  readonly fitView: boolean;
  readonly onPaneClick: () => void;
}

/** React Flow with the editor's settings: dotted canvas, minimap by category colour, no attribution. */
function FlowCanvas({ nodes, edges, onNodesChange, onEdgesChange, wires, readOnly, fitView, onPaneClick }: FlowCanvasProps) {
  const theme = useResolvedTheme();
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={wires.onConnect}
      onConnectEnd={wires.onConnectEnd}
      isValidConnection={wires.isValidConnection}
      deleteKeyCode={null}
      nodesConnectable={!readOnly}
      fitView={fitView}
      fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
      minZoom={0.2}
      proOptions={{ hideAttribution: true }}
      onPaneClick={onPaneClick}
      colorMode={theme}
    >
      <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="var(--canvas-dots)" />
      {nodes.length > 0 && <MiniMap pannable zoomable nodeColor={(n) => categoryColors[(n as StepFlowNode).data.spec?.category ?? 'data']} nodeStrokeWidth={2} />}
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

function EditorInner({ catalog, initialDocument, readOnly = false, actions, uploads, onStore, layoutOnOpen = false }: GraphEditorProps) {
  const store = useNewStore(catalog, initialDocument, layoutOnOpen);
  const state = useEditorState(store);
  const entries = useMemo(() => new Map<string, NodeCatalogEntry>(catalog.map((e) => [e.type, e])), [catalog]);
  const rf = useReactFlow();
  const canvasRef = useRef<HTMLDivElement>(null);
  const [palette, setPalette] = useState<{ wire?: LooseWire } | null>(null);
  const [panelOpen, setPanelOpen] = useState(true);
  const { toast, showToast } = useToast();

  useEffect(() => onStore?.(store), [onStore, store]);

  const { nodes, edges, name, description, metadata, sweeps } = state;
  // What the server checks: comments and groups do not change the plan, so editing them does not re-check.
  const document = useMemo(() => documentOf({ nodes, edges, name, description, metadata, comments: [], groups: [], sweeps }), [nodes, edges, name, description, metadata, sweeps]);
  const check = useGraphCheck(document);
  const edgeTargets = useMemo(() => new Map(state.edges.map((e) => [e.id, e.target])), [state.edges]);
  const byNode = useMemo(() => groupIssues(check.errors, check.warnings, edgeTargets), [check.errors, check.warnings, edgeTargets]);

  const { measured, onNodesChange, onEdgesChange } = useFlowChanges(store, readOnly);
  const rfNodes = useFlowNodes({ store, state, check, byNode, readOnly, measured });
  const rfEdges = useFlowEdges(store, state, check);
  const wires = useWireFeedback(store, readOnly, useCallback((wire: LooseWire) => setPalette({ wire }), []));

  const closePalette = useCallback(() => setPalette(null), []);
  const { viewCentre, addFromPalette, dropAt } = usePlacementActions(store, canvasRef, readOnly, closePalette);

  const layout = useCallback(() => {
    store.autoLayout(measured);
    window.requestAnimationFrame(() => void rf.fitView({ padding: 0.15, maxZoom: 1, duration: 250 }));
  }, [rf, store, measured]);

  const paste = useCallback(() => {
    const ids = store.paste();
    if (ids.length) showToast(`Pasted ${ids.length} node(s)`);
  }, [store, showToast]);
  const openPalette = useCallback(() => setPalette({}), []);
  const portKeys = useKeyboardConnect(store, wires.refuse, showToast);
  useEditorShortcuts({ store, readOnly, paused: palette !== null, openPalette, paste, notify: showToast });

  const selectedNode = state.selectedNodes.length === 1 ? state.nodes.find((n) => n.id === state.selectedNodes[0]) : undefined;

  return (
    <PortKeysProvider value={readOnly ? null : portKeys}>
      <div className="editor" data-testid="graph-editor">
        <EditorToolbar store={store} readOnly={readOnly} panelOpen={panelOpen} onTogglePanel={() => setPanelOpen((o) => !o)} onAddNode={openPalette} onLayout={layout} onAddComment={() => store.addComment(viewCentre())}>
          {actions?.({ store, check })}
        </EditorToolbar>
        <div className={`editor-body${panelOpen ? '' : ' panel-closed'}`}>
          <div className="editor-canvas" ref={canvasRef}>
            <FlowCanvas nodes={rfNodes} edges={rfEdges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} wires={wires} readOnly={readOnly} fitView={initialDocument.nodes.length > 0} onPaneClick={() => store.select([])} />
            <CanvasOverlays store={store} readOnly={readOnly} />
          </div>
          {panelOpen && (
            <aside className="editor-side" id="editor-side" aria-label="Side panel">
              {selectedNode ? (
                <Inspector key={selectedNode.id} store={store} node={selectedNode} entry={entries.get(selectedNode.type)} issues={byNode.get(selectedNode.id)} readOnly={readOnly} uploads={uploads} />
              ) : (
                <GraphPanel store={store} check={check} readOnly={readOnly} />
              )}
            </aside>
          )}
        </div>
        <StatusBar check={check} readOnly={readOnly} nodeCount={state.nodes.length} edgeCount={state.edges.length} />
        {palette && <WirePalette catalog={catalog} wire={palette.wire} onPick={(type) => addFromPalette(type, palette.wire)} onDropAt={dropAt} onClose={closePalette} />}
        <div className="sr-only" role="status" aria-live="polite" data-testid="editor-announcer">
          {toast?.text ?? ''}
        </div>
        {toast && <ToastView toast={toast} />}
        <WireRefusal refusal={wires.refusal} onDone={wires.clearRefusal} />
      </div>
    </PortKeysProvider>
  );
}
