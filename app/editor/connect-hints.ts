import { canConnect, type PortType } from '../../nodes/core/port-types';

/** Where a wire being dragged starts: its node, which side of a port, and the port's type. */
export interface WireStart {
  readonly nodeId: string;
  readonly handleType: 'source' | 'target';
  readonly portType: PortType;
}

export type HandleHint = 'compatible' | 'incompatible' | null;

/** Encoded as one string so that a node re-renders only when a drag starts or ends, not on every move. */
export function encodeWireStart(w: WireStart | null): string | null {
  return w ? `${w.nodeId}\u0000${w.handleType}\u0000${w.portType}` : null;
}

export function decodeWireStart(s: string | null): WireStart | null {
  if (!s) return null;
  const [nodeId, handleType, portType] = s.split('\u0000');
  return { nodeId: nodeId!, handleType: handleType as WireStart['handleType'], portType: portType as PortType };
}

/**
 * How a port should look while a wire is dragged: ports of the other side whose type fits are
 * highlighted, the rest dimmed; the wire's own node is never a target (no self-loops).
 */
export function handleHint(wire: WireStart | null, nodeId: string, handleType: 'source' | 'target', portType: PortType): HandleHint {
  if (!wire) return null;
  if (handleType === wire.handleType) return 'incompatible';
  if (nodeId === wire.nodeId) return 'incompatible';
  const [out, inp] = wire.handleType === 'source' ? [wire.portType, portType] : [portType, wire.portType];
  return canConnect(out, inp) ? 'compatible' : 'incompatible';
}

/** The first port of a node kind that a loose wire can plug into (an input for a wire from an output, and back). */
export function portForWire(kind: { inputs: readonly PortLike[]; outputs: readonly PortLike[] }, wire: Pick<WireStart, 'handleType' | 'portType'>): string | null {
  if (wire.handleType === 'source') return kind.inputs.find((p) => canConnect(wire.portType, p.type))?.name ?? null;
  return kind.outputs.find((p) => canConnect(p.type, wire.portType))?.name ?? null;
}

interface PortLike {
  readonly name: string;
  readonly type: PortType;
}
