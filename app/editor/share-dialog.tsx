'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../lib/error-message';
import { Modal } from '../lib/modal';
import { useTRPC } from '../lib/trpc';

interface Props {
  graphId: string;
  version: number;
  onClose: () => void;
}

const shareUrl = (token: string) => `${window.location.origin}/share/${token}`;

/**
 * Read-only links to a saved graph: pinned to this version (the default) or following the newest;
 * the graph's active links listed, each revocable.
 */
export function ShareDialog({ graphId, version, onClose }: Props) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [latest, setLatest] = useState(false);
  const share = useMutation(trpc.graphs.share.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.graphs.shareLinks.queryKey({ id: graphId }) }) }));
  const { mutate } = share;
  useEffect(() => mutate({ id: graphId, version, latest }), [mutate, graphId, version, latest]);
  const url = share.data ? shareUrl(share.data.token) : '';
  return (
    <Modal label="Share link" onClose={onClose} wide>
      <h2>Read-only link</h2>
      <fieldset className="choice" style={{ border: 0, padding: 0, margin: '0 0 10px' }}>
        <legend className="subtle small">Visitors see</legend>
        <label>
          <input type="radio" name="share-pin" checked={!latest} onChange={() => setLatest(false)} /> version {version} only (pinned)
        </label>
        <label>
          <input type="radio" name="share-pin" checked={latest} onChange={() => setLatest(true)} /> the latest version, as it is saved
        </label>
      </fieldset>
      <p className="subtle small">Anyone with the link can view, duplicate and export the graph, but not change it here.</p>
      {share.error && <div className="banner error">Could not create a share link: {errorMessage(share.error)}</div>}
      <div className="row">
        <input type="text" readOnly value={url} style={{ flex: 1 }} data-testid="share-url" aria-label="Share link" onFocus={(e) => e.target.select()} />
        <button className="btn" disabled={!url} onClick={() => void navigator.clipboard?.writeText(url)}>
          Copy
        </button>
      </div>
      <ActiveLinks graphId={graphId} />
      <div className="row" style={{ marginTop: 14, justifyContent: 'flex-end' }}>
        {url && (
          <a className="btn" href={url} target="_blank" rel="noreferrer">
            Open
          </a>
        )}
        <button className="btn primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Modal>
  );
}

function ActiveLinks({ graphId }: { graphId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const links = useQuery(trpc.graphs.shareLinks.queryOptions({ id: graphId }));
  const revoke = useMutation(trpc.graphs.revokeShare.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.graphs.shareLinks.queryKey({ id: graphId }) }) }));
  if (!links.data?.length) return null;
  return (
    <div className="section" style={{ marginTop: 14 }}>
      <div className="section-title subtle small">Active links of this graph</div>
      <table className="data" data-testid="share-links">
        <tbody>
          {links.data.map((l) => (
            <tr key={l.token}>
              <td className="mono small">…{l.token.slice(-8)}</td>
              <td>{l.version === null ? 'latest version' : `version ${l.version}`}</td>
              <td className="num">
                <button className="btn small danger" onClick={() => revoke.mutate({ id: graphId, token: l.token })} aria-label={`Revoke link …${l.token.slice(-8)}`}>
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revoke.error && <div className="banner error small">{errorMessage(revoke.error)}</div>}
    </div>
  );
}
