'use client';

import { Handle, Position } from '@xyflow/react';
import type { PortSpec } from '../../nodes/core/define-node';
import { portTypes } from '../../nodes/core/port-types';
import { handleHint, type WireStart } from './connect-hints';
import { usePortKeys } from './keyboard-connect';

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
  const keys = usePortKeys();
  const armed = !!keys?.armed && keys.armed.nodeId === nodeId && keys.armed.port === port.name && keys.armed.handleType === type;
  const name = `${side === 'in' ? 'input' : 'output'} ${port.label} of ${nodeId}`;
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
    <div className={`sn-port ${side}${hint ? ` hint-${hint}` : ''}${armed ? ' armed' : ''}`} title={title}>
      {side === 'in' && handle}
      {keys ? (
        <span
          role="button"
          tabIndex={0}
          className="port-key nodrag"
          aria-label={`Connect ${name}`}
          aria-pressed={armed}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' && e.key !== ' ') return;
            e.preventDefault();
            e.stopPropagation();
            keys.press({ nodeId, port: port.name, handleType: type }, name, e.currentTarget);
          }}
        >
          {port.label}
        </span>
      ) : (
        port.label
      )}
      {side === 'in' && port.required && <span className="req">*</span>}
      {side === 'out' && handle}
    </div>
  );
}
