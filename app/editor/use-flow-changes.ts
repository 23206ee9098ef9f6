'use client';

import type { EdgeChange, NodeChange } from '@xyflow/react';
import { useCallback, useState } from 'react';
import type { EditorStore } from './editor-store';
import type { StepFlowNode } from './step-node';
import type { Size } from './use-flow-elements';

/** React Flow's change events turned into store calls (moves, selection) and the sizes it measured. */
export function useFlowChanges(store: EditorStore, readOnly: boolean) {
  // Sizes React Flow measured, fed back so that controlled nodes keep them.
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(() => new Map());

  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
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
    [store, readOnly],
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
