'use client';

import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { GraphNode } from '../../formats/graph-document';
import { portTypes } from '../../nodes/core/port-types';
import { categoryColors, categoryLabels } from './catalog';
import type { NodeSpec } from './editor-store';
import { formatParam } from './param-fields';
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
              <div key={p.name} className="sn-port in" title={`${portTypes[p.type].label}${p.description ? ` — ${p.description}` : ''}`}>
                <Handle type="target" position={Position.Left} id={p.name} style={{ background: portTypes[p.type].color, left: -6 }} />
                {p.label}
                {p.required && <span className="req">*</span>}
              </div>
            ))}
          </div>
          <div>
            {spec?.outputs.map((p) => (
              <div key={p.name} className="sn-port out" title={portTypes[p.type].label}>
                {p.label}
                <Handle type="source" position={Position.Right} id={p.name} style={{ background: portTypes[p.type].color, right: -6 }} />
              </div>
            ))}
          </div>
        </div>
      )}
      {params.length > 0 && (
        <div className="sn-params">
          {params.map(([k, v]) => (
            <div key={k}>
              <span>{k}</span>
              <span>{formatParam(v)}</span>
            </div>
          ))}
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

export const StepNode = memo(StepNodeView);
