'use client';

import type { EdgeChange, NodeChange } from '@xyflow/react';
import { useCallback, useState } from 'react';
import type { EditorStore } from './editor-store';
import { COMMENT_PREFIX, GROUP_PREFIX } from './annotation-nodes';
import { groupFrame } from './annotations';
import { sizeOf, type FlowNode, type Size } from './use-flow-elements';

/** React Flow's change events turned into store calls (moves, selection) and the sizes it measured. */
export function useFlowChanges(store: EditorStore, readOnly: boolean) {
  // Sizes React Flow measured, fed back so that controlled nodes keep them.
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(() => new Map());

  const onNodesChange = useCallback(
    (all: NodeChange<FlowNode>[]) => {
      const changes = all.filter((c) => !('id' in c) || !isAnnotation(c.id) || !moveAnnotation(store, c, readOnly, measured));
      const moves: Array<{ id: string; position: { x: number; y: number } }> = [];
      let dragging = false;
      let dragEnded = false;
      let selectionChanged = false;
      const sizes = new Map<string, Size>();
      const sel = new Set(store.getState().selectedNodes);
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) sizes.set(c.id, c.dimensions);
        else if (c.type === 'position') {
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
    [store, readOnly, measured],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const sel = new Set(store.getState().selectedEdges);
      let changed = false;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
        changed = true;
      }
      if (changed) store.select(store.getState().selectedNodes, [...sel]);
    },
    [store],
  );

  return { measured, onNodesChange, onEdgesChange };
}

const isAnnotation = (id: string) => id.startsWith(COMMENT_PREFIX) || id.startsWith(GROUP_PREFIX);

/**
 * A note or a group frame was dragged: move the note, or the group's nodes by the frame's offset
 * (the frame itself is derived from its nodes). Returns true when the change was handled.
 */
function moveAnnotation(store: EditorStore, c: NodeChange<FlowNode>, readOnly: boolean, measured: ReadonlyMap<string, Size>): boolean {
  if (c.type !== 'position') return c.type !== 'dimensions';
  if (readOnly) return true;
  const dragging = !!c.dragging;
  if (c.id.startsWith(COMMENT_PREFIX)) {
    store.moveComment(c.id.slice(COMMENT_PREFIX.length), c.position, dragging);
    return true;
  }
  const id = c.id.slice(GROUP_PREFIX.length);
  const state = store.getState();
  const group = state.groups.find((g) => g.id === id);
  const frame = group && groupFrame(group, new Map(state.nodes.map((n) => [n.id, n])), sizeOf(measured));
  const delta = frame && c.position ? { x: c.position.x - frame.x, y: c.position.y - frame.y } : { x: 0, y: 0 };
  store.moveGroup(id, delta, dragging);
  return true;
}
