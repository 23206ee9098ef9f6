'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../lib/error-message';
import { Modal } from '../lib/modal';
import { useTRPC } from '../lib/trpc';
import type { EditorStore } from './editor-store';
import { DiffView } from './diff-view';

interface Props {
  store: EditorStore;
  graphId: string;
  onClose: () => void;
  /** Save the canvas as a new version with this note. */
  onSave: (note: string) => Promise<unknown>;
  /** A version was restored as version `version` (the page reopens the graph). */
  onRestored: (version: number) => void;
}

/** Saved versions: notes, open, restore (as a new version), and a comparison of a version with the canvas. */
export function HistoryDialog({ store, graphId, onClose, onSave, onRestored }: Props) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const history = useQuery(trpc.graphs.history.queryOptions({ id: graphId }));
  const restore = useMutation(trpc.graphs.restore.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.graphs.history.queryKey({ id: graphId }) }) }));
  const [note, setNote] = useState('');
  const [compare, setCompare] = useState<number | null>(null);
  const latest = history.data?.[0]?.version;
  return (
    <Modal label="Versions" onClose={onClose} wide>
      <h2>Versions</h2>
      <form
        className="row"
        style={{ marginBottom: 12 }}
        onSubmit={(e) => {
          e.preventDefault();
          void onSave(note).then(() => qc.invalidateQueries({ queryKey: trpc.graphs.history.queryKey({ id: graphId }) }));
          setNote('');
        }}
      >
        <input type="text" aria-label="Note for this save" placeholder="Note for this save (optional)" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} style={{ flex: 1 }} />
        <button className="btn" type="submit">
          Save version
        </button>
      </form>
      {history.isLoading && <div className="subtle">Loading…</div>}
      {(history.error ?? restore.error) && <div className="banner error">{errorMessage(history.error ?? restore.error)}</div>}
      <div style={{ maxHeight: 260, overflow: 'auto' }}>
        <table className="data">
          <tbody>
            {(history.data ?? []).map((v) => (
              <tr key={v.version} aria-label={`v${v.version}`}>
                <td>v{v.version}</td>
                <td>
                  {v.name}
                  {v.message && <div className="subtle small" data-testid="version-note">{v.message}</div>}
                </td>
                <td className="subtle small">{new Date(v.createdAt).toLocaleString()}</td>
                <td className="num">
                  <div className="row" style={{ justifyContent: 'flex-end' }}>
                    <a href={`/editor?graph=${encodeURIComponent(graphId)}&version=${v.version}`}>Open</a>
                    <button className="btn small ghost" onClick={() => setCompare(v.version)} aria-pressed={compare === v.version}>
                      Compare
                    </button>
                    <button
                      className="btn small"
                      disabled={v.version === latest || restore.isPending}
                      title={v.version === latest ? 'This is the newest version' : 'Save this version again as the newest'}
                      onClick={() => restore.mutate({ id: graphId, version: v.version }, { onSuccess: (r) => onRestored(r.version) })}
                    >
                      Restore
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {compare !== null && <DiffView key={compare} store={store} graphId={graphId} version={compare} onShown={onClose} />}
      <div className="row" style={{ marginTop: 14, justifyContent: 'flex-end' }}>
        <button className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
