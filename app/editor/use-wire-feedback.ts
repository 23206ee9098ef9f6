'use client';

import type { Connection as FlowConnection, FinalConnectionState, IsValidConnection, Edge } from '@xyflow/react';
import { useCallback, useState } from 'react';
import type { PortType } from '../../nodes/core/port-types';
import type { EditorStore } from './editor-store';
import type { Connection } from './editor-document';

/** Why a wire was refused, shown next to the pointer (and announced) where it was released. */
export interface Refusal {
  readonly reason: string;
  readonly x: number;
  readonly y: number;
}

/** A wire released over empty canvas: where, and which port it came from. */
export interface LooseWire {
  readonly nodeId: string;
  readonly port: string;
  readonly handleType: 'source' | 'target';
  readonly portType: PortType;
  readonly screen: { x: number; y: number };
}

const toConn = (c: FlowConnection | Edge): Connection => ({ source: c.source, sourcePort: c.sourceHandle ?? '', target: c.target, targetPort: c.targetHandle ?? '' });

function pointerOf(event: MouseEvent | TouchEvent): { x: number; y: number } {
  const p = 'changedTouches' in event ? event.changedTouches[0] : (event as MouseEvent);
  return { x: p?.clientX ?? 0, y: p?.clientY ?? 0 };
}

/** The connection a released wire asked for, oriented output → input. */
function askedFor(state: FinalConnectionState): Connection | null {
  if (!state.fromHandle || !state.toHandle) return null;
  const from = { node: state.fromHandle.nodeId, port: state.fromHandle.id ?? '' };
  const to = { node: state.toHandle.nodeId, port: state.toHandle.id ?? '' };
  if (state.fromHandle.type === 'source') return { source: from.node, sourcePort: from.port, target: to.node, targetPort: to.port };
  return { source: to.node, sourcePort: to.port, target: from.node, targetPort: from.port };
}

/**
 * Connecting wires: the store decides; a refused wire says why next to the pointer; a wire
 * dropped on empty canvas is handed to `onLooseWire` (the palette offers nodes that fit).
 */
export function useWireFeedback(store: EditorStore, readOnly: boolean, onLooseWire: (w: LooseWire) => void) {
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const isValidConnection: IsValidConnection = useCallback((c) => !readOnly && store.checkConnection(toConn(c)).ok, [store, readOnly]);

  const refuse = useCallback((reason: string, at: { x: number; y: number }) => setRefusal({ reason, ...at }), []);

  const onConnect = useCallback(
    (c: FlowConnection) => {
      if (readOnly) return;
      const r = store.connect(toConn(c));
      if (!r.ok) setRefusal({ reason: r.reason, x: window.innerWidth / 2, y: window.innerHeight / 2 });
    },
    [store, readOnly],
  );

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (readOnly || !state.fromHandle) return;
      const at = pointerOf(event);
      const asked = askedFor(state);
      if (asked) {
        if (state.isValid) return;
        const check = state.fromHandle.type === state.toHandle?.type ? { ok: false as const, reason: `Connect an ${state.fromHandle.type === 'source' ? 'output to an input' : 'input to an output'}.` } : store.checkConnection(asked);
        if (!check.ok) refuse(check.reason, at);
        return;
      }
      const overNode = event.target instanceof Element && event.target.closest('.react-flow__node');
      const { nodeId, id, type: handleType } = state.fromHandle;
      const from = store.node(nodeId);
      const spec = from && store.spec(from.type);
      const portType = (handleType === 'source' ? spec?.outputs : spec?.inputs)?.find((p) => p.name === id)?.type;
      if (!overNode && portType) onLooseWire({ nodeId, port: id ?? '', handleType, portType, screen: at });
    },
    [store, readOnly, refuse, onLooseWire],
  );

  return { refusal, clearRefusal: useCallback(() => setRefusal(null), []), refuse, isValidConnection, onConnect, onConnectEnd };
}
