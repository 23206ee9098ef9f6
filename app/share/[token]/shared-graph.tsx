'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { GraphEditor } from '../../editor/graph-editor';
import { downloadDocument } from '../../lib/download';
import { errorMessage } from '../../lib/error-message';
import { useTRPC } from '../../lib/trpc';
import { BrowserRunButton } from '../../runs/browser/browser-run-button';
import { readSharedDraft, writeSharedDraft } from './shared-draft-storage';
import { SharedDraft } from './shared-draft';

/**
 * A shared graph, view only; "Duplicate" makes an editable copy kept in this browser (no server
 * write: share links stay read-only), "Export" downloads the file.
 */
export function SharedGraph({ token }: { token: string }) {
  const trpc = useTRPC();
  const catalog = useQuery(trpc.nodes.list.queryOptions());
  const shared = useQuery(trpc.graphs.getShared.queryOptions({ token }));
  const [draft, setDraft] = useState(() => (typeof window === 'undefined' ? null : readSharedDraft(token)));
  const [editing, setEditing] = useState(false);
  const failed = catalog.error ?? shared.error;
  if (failed) return <div className="page"><div className="banner error">This link does not open a graph: {errorMessage(failed)}</div></div>;
  if (!catalog.data || !shared.data) return <div className="empty">Loading the shared graph…</div>;
  if (editing && draft) return <SharedDraft token={token} catalog={catalog.data} document={draft} onBack={() => setEditing(false)} />;
  const { document, version, pinned } = shared.data;
  const duplicate = () => {
    const copy = { ...document, name: `Copy of ${document.name}`.slice(0, 200) };
    writeSharedDraft(token, copy);
    setDraft(copy);
    setEditing(true);
  };
  return (
    <GraphEditor
      catalog={catalog.data}
      initialDocument={document}
      readOnly
      actions={() => (
        <>
          <span className="subtle small" data-testid="read-only-note">
            Shared read-only view · {pinned ? `version ${version}, pinned by the owner` : `follows the latest version (now ${version})`}
          </span>
          {draft && (
            <button className="btn ghost" onClick={() => setEditing(true)}>
              Open my local copy
            </button>
          )}
          <button className="btn ghost" onClick={() => downloadDocument(document)} title="Download the graph as a .json file">
            Export
          </button>
          {/* Share links stay read-only: a browser run is kept (and exported) here, never saved to the server. */}
          <BrowserRunButton document={() => document} canSave={false} sharedUploads={shared.data.uploads} />
          <button className="btn primary" onClick={duplicate} title="Make an editable copy in this browser">
            Duplicate
          </button>
        </>
      )}
    />
  );
}
