'use client';

import type { Edge } from '@xyflow/react';
import { useMemo } from 'react';
import { portTypes } from '../../nodes/core/port-types';
import type { EditorStore } from './editor-store';
import type { EditorState } from './editor-document';
import type { GraphNode } from '../../formats/graph-document';
import { COMMENT_PREFIX, GROUP_PREFIX, type CommentFlowNode, type GroupFlowNode } from './annotation-nodes';
import { groupFrame } from './annotations';
import type { StepFlowNode } from './step-node';
import { edgeKey } from './graph-diff';
import type { GraphCheck } from './use-graph-check';
import { shapeText, type NodeIssues } from './validation';

export type Size = { width: number; height: number };

interface Input {
  store: EditorStore;
  state: EditorState;
  check: GraphCheck;
  byNode: ReadonlyMap<string, NodeIssues>;
  readOnly: boolean;
  measured: ReadonlyMap<string, Size>;
}

export type FlowNode = StepFlowNode | CommentFlowNode | GroupFlowNode;

/** Card size for layout: what React Flow measured, else an estimate. */
export const sizeOf = (measured: ReadonlyMap<string, Size>) => (n: GraphNode) => measured.get(n.id) ?? { width: 240, height: 150 };

/** Frames behind the nodes (derived from their members) and notes above them. */
function useAnnotationNodes(store: EditorStore, state: EditorState, readOnly: boolean, measured: ReadonlyMap<string, Size>): FlowNode[] {
  return useMemo(() => {
    const byId = new Map(state.nodes.map((n) => [n.id, n]));
    const frames = state.groups.flatMap((group): GroupFlowNode[] => {
      const f = groupFrame(group, byId, sizeOf(measured));
      if (!f) return [];
      const common = { id: `${GROUP_PREFIX}${group.id}`, type: 'groupFrame' as const, position: { x: f.x, y: f.y }, width: f.width, height: f.height };
      return [{ ...common, zIndex: -1, selectable: false, draggable: !readOnly, dragHandle: '.group-header', data: { group, store, readOnly } }];
    });
    const notes = state.comments.map(
      (comment): CommentFlowNode => ({ id: `${COMMENT_PREFIX}${comment.id}`, type: 'comment', position: comment.position, selectable: false, draggable: !readOnly, dragHandle: '.comment-header', zIndex: 20, data: { comment, store, readOnly } }),
    );
    return [...frames, ...notes];
  }, [state.groups, state.comments, state.nodes, store, readOnly, measured]);
}

/** The store's nodes as React Flow nodes (controlled: position, selection and measured size from us). */
export function useFlowNodes({ store, state, check, byNode, readOnly, measured }: Input): FlowNode[] {
  const selected = useMemo(() => new Set(state.selectedNodes), [state.selectedNodes]);
  const annotations = useAnnotationNodes(store, state, readOnly, measured);
  const steps = useMemo(
    () =>
      state.nodes.map((n): StepFlowNode => ({
        id: n.id,
        type: 'step' as const,
        className: state.highlights[n.id] ? `diff-${state.highlights[n.id]}` : undefined,
        position: n.position,
        selected: selected.has(n.id),
        measured: measured.get(n.id),
        draggable: !readOnly,
        // A node showing errors is drawn above its neighbours so that its message stays readable.
        zIndex: byNode.get(n.id)?.errors.length ? 10 : undefined,
        data: { node: n, spec: store.spec(n.type), issues: byNode.get(n.id), shape: shapeText(check.shapes?.[n.id]), readOnly },
      })),
    [state.nodes, state.highlights, selected, byNode, check.shapes, store, readOnly, measured],
  );
  return useMemo(() => [...annotations, ...steps], [annotations, steps]);
}

/** The store's edges coloured by port type; edges with errors dashed red. */
export function useFlowEdges(store: EditorStore, state: EditorState, check: GraphCheck): Edge[] {
  const badEdges = useMemo(() => new Set(check.errors.map((e) => e.edgeId).filter((x): x is string => !!x)), [check.errors]);
  const selectedEdges = useMemo(() => new Set(state.selectedEdges), [state.selectedEdges]);
  return useMemo(() => {
    const byId = new Map(state.nodes.map((n) => [n.id, n]));
    return state.edges.map((e) => {
      const src = byId.get(e.source);
      const port = src ? store.spec(src.type)?.outputs.find((p) => p.name === e.sourcePort) : undefined;
      const bad = badEdges.has(e.id);
      const color = bad ? '#dc2626' : port ? portTypes[port.type].color : '#94a3b8';
      const sel = selectedEdges.has(e.id);
      const mark = state.highlights[`edge:${edgeKey(e)}`];
      return {
        className: mark ? `diff-${mark}` : undefined,
        id: e.id,
        source: e.source,
        sourceHandle: e.sourcePort,
        target: e.target,
        targetHandle: e.targetPort,
        selected: sel,
        style: { stroke: color, strokeWidth: sel ? 3.5 : 2, strokeDasharray: bad ? '6 4' : undefined },
      };
    });
  }, [state.edges, state.nodes, state.highlights, store, badEdges, selectedEdges]);
}
