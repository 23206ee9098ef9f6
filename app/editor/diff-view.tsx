'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { errorMessage } from '../lib/error-message';
import { useTRPC } from '../lib/trpc';
import type { EditorStore } from './editor-store';
import { diffGraphs, diffHighlights, edgeKey, isEmptyDiff, type GraphDiff } from './graph-diff';
import { formatParam } from './param-fields';

interface Props {
  store: EditorStore;
  graphId: string;
  version: number;
  /** Called after the changes were marked on the canvas (the dialog closes to show them). */
  onShown: () => void;
}

/** What changed from a saved version to the canvas now; "Show on canvas" marks added and changed nodes. */
export function DiffView({ store, graphId, version, onShown }: Props) {
  const trpc = useTRPC();
  const old = useQuery(trpc.graphs.getVersion.queryOptions({ id: graphId, version }));
  const diff = useMemo(() => (old.data ? diffGraphs(old.data.document, store.toDocument()) : null), [old.data, store]);
  if (old.error) return <div className="banner error">{errorMessage(old.error)}</div>;
  if (!diff) return <div className="subtle">Loading version {version}…</div>;
  return (
    <div className="section diff" data-testid="diff-view" style={{ marginTop: 14 }}>
      <div className="section-title subtle small">Changes from version {version} to the canvas now</div>
      {isEmptyDiff(diff) ? <div className="banner ok small">No changes (positions aside).</div> : <DiffList diff={diff} />}
      {!isEmptyDiff(diff) && (
        <button
          className="btn small"
          style={{ marginTop: 8 }}
          onClick={() => {
            store.setHighlights(diffHighlights(diff));
            onShown();
          }}
        >
          Show on canvas
        </button>
      )}
    </div>
  );
}

function DiffList({ diff }: { diff: GraphDiff }) {
  return (
    <ul className="diff-list">
      {diff.addedNodes.map((id) => (
        <li key={`a${id}`} className="added">+ node {id}</li>
      ))}
      {diff.removedNodes.map((id) => (
        <li key={`r${id}`} className="removed">− node {id}</li>
      ))}
      {diff.changedNodes.map((c) => (
        <li key={`c${c.id}`} className="changed">
          ~ node {c.id}
          {c.relabelled && ' (label)'}
          {c.retyped && ' (kind)'}
          {c.params.map((p) => (
            <div key={p.key} className="small">
              {p.key}: {p.kind === 'added' ? `+ ${formatParam(p.after)}` : p.kind === 'removed' ? `− ${formatParam(p.before)}` : `${formatParam(p.before)} → ${formatParam(p.after)}`}
            </div>
          ))}
        </li>
      ))}
      {diff.addedEdges.map((e) => (
        <li key={`ae${edgeKey(e)}`} className="added">+ edge {edgeKey(e)}</li>
      ))}
      {diff.removedEdges.map((e) => (
        <li key={`re${edgeKey(e)}`} className="removed">− edge {edgeKey(e)}</li>
      ))}
    </ul>
  );
}
