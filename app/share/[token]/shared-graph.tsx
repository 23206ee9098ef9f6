'use client';

import { useQuery } from '@tanstack/react-query';
import { GraphEditor } from '../../editor/graph-editor';
import { useTRPC } from '../../lib/trpc';
import { errorMessage } from '../../lib/error-message';

/** A shared graph, view only: no editing, saving or running from here. */
export function SharedGraph({ token }: { token: string }) {
  const trpc = useTRPC();
  const catalog = useQuery(trpc.nodes.list.queryOptions());
  const shared = useQuery(trpc.graphs.getShared.queryOptions({ token }));
  const failed = catalog.error ?? shared.error;
  if (failed) return <div className="page"><div className="banner error">This link does not open a graph: {errorMessage(failed)}</div></div>;
  if (!catalog.data || !shared.data) return <div className="empty">Loading the shared graph…</div>;
  return (
    <GraphEditor
      catalog={catalog.data}
      initialDocument={shared.data.document}
      readOnly
      actions={() => (
        <span className="subtle small" data-testid="read-only-note">
          Shared read-only view{shared.data.version ? ` · version ${shared.data.version}` : ''}
        </span>
      )}
    />
  );
}
