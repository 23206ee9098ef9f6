'use client';

import { useCallback, useState } from 'react';
import type { GraphDocument } from '../../../formats/graph-document';
import type { NodeCatalogEntry } from '../../editor/catalog';
import type { EditorStore } from '../../editor/editor-store';
import { GraphEditor } from '../../editor/graph-editor';
import { downloadDocument } from '../../lib/download';
import { errorMessage } from '../../lib/error-message';
import { useTRPCClient } from '../../lib/trpc';
import { writeSharedDraft } from './shared-draft-storage';

interface Props {
  token: string;
  catalog: readonly NodeCatalogEntry[];
  document: GraphDocument;
  onBack: () => void;
}

/** The visitor's local copy: editable and exportable; saving to the server needs access like every write. */
export function SharedDraft({ token, catalog, document, onBack }: Props) {
  const client = useTRPCClient();
  const [store, setStore] = useState<EditorStore | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const keep = useCallback(
    (s: EditorStore) => {
      setStore(s);
      let timer = 0;
      const off = s.subscribe(() => {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => writeSharedDraft(token, s.toDocument()), 300);
      });
      return () => {
        off();
        window.clearTimeout(timer);
      };
    },
    [token],
  );
  const save = async () => {
    if (!store) return;
    try {
      const r = await client.graphs.save.mutate({ document: store.toDocument() });
      window.location.assign(`/editor?graph=${encodeURIComponent(r.id)}`);
    } catch (err) {
      // A visitor without the token is refused by the server's gate (401), like every write.
      setMessage({ error: true, text: `Not saved: saving needs access to this Stepstone; Export keeps your copy. (${errorMessage(err).slice(0, 80)})` });
    }
  };
  return (
    <GraphEditor
      key="draft"
      catalog={catalog}
      initialDocument={document}
      onStore={keep}
      actions={() => (
        <>
          <span className="tag" data-testid="local-draft-note" title="Kept in this browser's storage; nothing is sent to the server">
            Local copy in this browser
          </span>
          {message && (
            <span className="small" role="status" style={{ color: message.error ? 'var(--danger)' : undefined }}>
              {message.text}
            </span>
          )}
          <button className="btn ghost" onClick={onBack}>
            Back to shared view
          </button>
          <button className="btn ghost" onClick={() => store && downloadDocument(store.toDocument())}>
            Export
          </button>
          <button className="btn" onClick={() => void save()} title="Needs access to this Stepstone">
            Save to server
          </button>
        </>
      )}
    />
  );
}
