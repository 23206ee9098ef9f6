'use client';

import { useConnection, type ConnectionState, type InternalNode, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { GraphNode } from '../../formats/graph-document';
import type { PortType } from '../../nodes/core/port-types';
import { categoryColors, categoryLabels } from './catalog';
import type { NodeSpec } from './editor-document';
import { decodeWireStart, encodeWireStart } from './connect-hints';
import { formatParam } from './param-fields';
import { PortHandle } from './port-handle';
import { UploadThumb } from '../uploads/upload-thumb';
import { THUMB_SIZE } from './graph-layout';
import { datasetLabel, useUploadOf } from '../uploads/uploads-context';
import type { NodeIssues } from './validation';

export type StepNodeData = {
  node: GraphNode;
  spec: NodeSpec | undefined;
  issues: NodeIssues | undefined;
  shape: string | null;
  readOnly: boolean;
};
export type StepFlowNode = Node<StepNodeData, 'step'>;

/** The params most worth seeing on the card, per kind; others are in the side panel. */
const MAX_PARAMS = 4;
const hiddenOnCard = new Set(['classAttributes', 'stepEvery', 'stepFactor', 'seed', 'device']);

function StepNodeView({ data, selected }: NodeProps<StepFlowNode>) {
  const { node, spec, issues, shape } = data;
  const color = spec ? categoryColors[spec.category] : '#64748b';
  const errors = issues?.errors ?? [];
  const warnings = issues?.warnings ?? [];
  const params = Object.entries(node.params)
    .filter(([k]) => !hiddenOnCard.has(k))
    .slice(0, MAX_PARAMS);
  const rows = Math.max(spec?.inputs.length ?? 0, spec?.outputs.length ?? 0);
  const wire = decodeWireStart(useConnection<StepFlowNode, string | null>(wireOf));
  const upload = useUploadOf(node.params.dataset);
  const model = useUploadOf(node.params.model);
  return (
    <div className={`sn${selected ? ' selected' : ''}${errors.length ? ' has-errors' : ''}`} data-testid={`node-${node.id}`} data-node-type={node.type}>
      {errors.length > 0 && (
        <div className="sn-errors" title={errors.map((e) => e.message).join('\n')} data-testid="node-error-badge">
          {errors.length}
        </div>
      )}
      <div className="sn-head" style={{ background: color }}>
        <span>{node.label ?? spec?.title ?? node.type}</span>
        <span className="sn-cat">{spec ? categoryLabels[spec.category] : 'unknown'}</span>
      </div>
      {rows > 0 && (
        <div className="sn-ports">
          <div>
            {spec?.inputs.map((p) => (
              <PortHandle key={p.name} nodeId={node.id} port={p} side="in" wire={wire} />
            ))}
          </div>
          <div>
            {spec?.outputs.map((p) => (
              <PortHandle key={p.name} nodeId={node.id} port={p} side="out" wire={wire} />
            ))}
          </div>
        </div>
      )}
      {params.length > 0 && (
        <div className="sn-params">
          {params.map(([k, v]) => (
            <div key={k}>
              <span>{k}</span>
              <span>{k === 'dataset' && typeof v === 'string' ? datasetLabel(v, upload) : k === 'model' && typeof v === 'string' && v ? datasetLabel(v, model) : formatParam(v)}</span>
            </div>
          ))}
        </div>
      )}
      {upload?.thumbnail && (
        <div className="sn-thumb" data-testid="node-thumbnail" style={{ padding: '2px 8px', height: THUMB_SIZE + 4, boxSizing: 'border-box', lineHeight: 0 }}>
          <UploadThumb thumbnail={upload.thumbnail} size={THUMB_SIZE} name={upload.name} />
        </div>
      )}
      {shape && (
        <div className="sn-shape" data-testid="node-shape">
          {shape}
        </div>
      )}
      {errors.length > 0 && (
        <ul className="sn-error-list" data-testid="node-errors">
          {errors.map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ul>
      )}
      {errors.length === 0 && warnings.length > 0 && (
        <ul className="sn-warn-list">
          {warnings.map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The dragged wire's start as a string (stable between moves), or null. */
function wireOf(c: ConnectionState<InternalNode<StepFlowNode>>): string | null {
  if (!c.inProgress) return null;
  const spec = c.fromNode.data.spec;
  const side = c.fromHandle.type === 'source' ? spec?.outputs : spec?.inputs;
  const portType = side?.find((p) => p.name === c.fromHandle.id)?.type as PortType | undefined;
  return portType ? encodeWireStart({ nodeId: c.fromNode.id, handleType: c.fromHandle.type, portType }) : null;
}

export const StepNode = memo(StepNodeView);
