'use client';

import { Handle, Position } from '@xyflow/react';
import type { PortSpec } from '../../nodes/core/define-node';
import { portTypes } from '../../nodes/core/port-types';
import { handleHint, type WireStart } from './connect-hints';

interface Props {
  nodeId: string;
  port: PortSpec;
  side: 'in' | 'out';
  /** The wire being dragged, if any: the port is highlighted when it fits, dimmed when not. */
  wire: WireStart | null;
}

/** One port row: its label and its React Flow handle, coloured by port type. */
export function PortHandle({ nodeId, port, side, wire }: Props) {
  const type = side === 'in' ? 'target' : 'source';
  const hint = handleHint(wire, nodeId, type, port.type);
  const title = `${portTypes[port.type].label}${port.description ? ` — ${port.description}` : ''}`;
  const handle = (
    <Handle
      type={type}
      position={side === 'in' ? Position.Left : Position.Right}
      id={port.name}
      className={hint ? `hint-${hint}` : undefined}
      data-port-type={port.type}
      style={{ background: portTypes[port.type].color, [side === 'in' ? 'left' : 'right']: -6 }}
    />
  );
  return (
    <div className={`sn-port ${side}${hint ? ` hint-${hint}` : ''}`} title={title}>
      {side === 'in' && handle}
      {port.label}
      {side === 'in' && port.required && <span className="req">*</span>}
      {side === 'out' && handle}
    </div>
  );
}
