'use client';

import type { GraphCheck } from './use-graph-check';

interface Props {
  check: GraphCheck;
  readOnly: boolean;
  nodeCount: number;
  edgeCount: number;
}

/** The line under the canvas: the verdict (nothing red before the graph has a node), warnings, the objective. */
export function StatusBar({ check, readOnly, nodeCount, edgeCount }: Props) {
  return (
    <div className="editor-status" data-testid="status-bar">
      <Verdict check={check} readOnly={readOnly} empty={nodeCount === 0} />
      {nodeCount > 0 && check.warnings.length > 0 && <span style={{ color: 'var(--warn)' }}>{check.warnings.length} warning{check.warnings.length === 1 ? '' : 's'}</span>}
      <span className="sep" style={{ width: 1, height: 16, background: 'var(--border)' }} />
      {check.objective ? (
        <span className="status-objective">
          <span className="subtle">Objective </span>
          <span className="objective" data-testid="objective">
            {check.objective}
          </span>
        </span>
      ) : readOnly || nodeCount === 0 ? null : (
        <span className="subtle">The objective appears when the graph compiles.</span>
      )}
      <span className="spacer" />
      <span className="subtle">
        {nodeCount} nodes · {edgeCount} edges
      </span>
    </div>
  );
}

function Verdict({ check, readOnly, empty }: { check: GraphCheck; readOnly: boolean; empty: boolean }) {
  const errorCount = check.errors.length;
  if (empty) return <span className="subtle" data-testid="status-empty">Empty graph — add a node to begin</span>;
  if (check.pending) return <span className="subtle">Checking…</span>;
  if (check.failure && readOnly) return <span className="subtle">Read-only view</span>;
  if (check.failure) return <span style={{ color: 'var(--danger)' }}>{check.failure}</span>;
  if (errorCount > 0) {
    return (
      <span style={{ color: 'var(--danger)', fontWeight: 600 }} data-testid="status-errors">
        <span className="status-dot" style={{ background: 'var(--danger)' }} /> {errorCount} error{errorCount === 1 ? '' : 's'}
      </span>
    );
  }
  return (
    <span style={{ color: 'var(--ok)', fontWeight: 600 }} data-testid="status-valid">
      <span className="status-dot" style={{ background: 'var(--ok)' }} /> Valid
    </span>
  );
}
