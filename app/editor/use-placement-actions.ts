'use client';

import { useReactFlow } from '@xyflow/react';
import { useCallback, type RefObject } from 'react';
import { portForWire } from './connect-hints';
import type { EditorStore } from './editor-store';
import type { LooseWire } from './use-wire-feedback';

/** Where palette picks go: the view centre, where a loose wire was dropped (and wired), or where a drag ended. */
export function usePlacementActions(store: EditorStore, canvasRef: RefObject<HTMLDivElement | null>, readOnly: boolean, closePalette: () => void) {
  const rf = useReactFlow();
  const viewCentre = useCallback(() => {
    const rect = canvasRef.current?.getBoundingClientRect();
    return rect ? rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
  }, [rf, canvasRef]);

  const addFromPalette = useCallback(
    (type: string, wire: LooseWire | undefined) => {
      if (wire) {
        // A wire dropped on empty canvas: the new node goes where it was dropped, wired to it.
        const id = store.addNodeNear(type, rf.screenToFlowPosition(wire.screen));
        const port = portForWire(store.spec(type) ?? { inputs: [], outputs: [] }, wire);
        if (port) store.connect(wire.handleType === 'source' ? { source: wire.nodeId, sourcePort: wire.port, target: id, targetPort: port } : { source: id, sourcePort: port, target: wire.nodeId, targetPort: wire.port });
      } else store.addNodeNear(type, viewCentre());
      closePalette();
    },
    [viewCentre, store, rf, closePalette],
  );

  /** A node kind dragged out of the palette: placed where it was released, if that is on the canvas. */
  const dropAt = useCallback(
    (type: string, at: { x: number; y: number }) => {
      const r = canvasRef.current?.getBoundingClientRect();
      const inside = r && at.x >= r.left && at.x <= r.right && at.y >= r.top && at.y <= r.bottom;
      if (inside && !readOnly) store.addNodeNear(type, rf.screenToFlowPosition(at));
      closePalette();
    },
    [store, rf, readOnly, canvasRef, closePalette],
  );

  return { viewCentre, addFromPalette, dropAt };
}
