'use client';

import { useMemo } from 'react';
import { portTypes } from '../../nodes/core/port-types';
import type { NodeCatalogEntry } from './catalog';
import { portForWire } from './connect-hints';
import { NodePalette } from './node-palette';
import type { LooseWire } from './use-wire-feedback';

interface Props {
  catalog: readonly NodeCatalogEntry[];
  /** A wire dropped on empty canvas: only node kinds with a port that fits it are offered. */
  wire?: LooseWire;
  onPick: (type: string) => void;
  onDropAt: (type: string, at: { x: number; y: number }) => void;
  onClose: () => void;
}

/** The palette, filtered to the node kinds a loose wire can connect to (all kinds without a wire). */
export function WirePalette({ catalog, wire, onPick, onDropAt, onClose }: Props) {
  const portType = wire?.portType;
  const entries = useMemo(
    () => (wire && portType ? catalog.filter((e) => portForWire(e, { handleType: wire.handleType, portType }) !== null) : catalog),
    [catalog, wire, portType],
  );
  const heading = wire && portType ? `Nodes that ${wire.handleType === 'source' ? 'take' : 'give'} a ${portTypes[portType].label.toLowerCase()} — the new node is connected where the wire was dropped` : undefined;
  return <NodePalette entries={entries} onPick={onPick} onDropAt={wire ? undefined : onDropAt} onClose={onClose} heading={heading} />;
}
