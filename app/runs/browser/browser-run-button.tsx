'use client';

import { useState } from 'react';
import type { BrowserUploadSource } from '../../../formats/browser-worker-protocol';
import type { GraphDocument } from '../../../formats/graph-document';
import type { TrainingPlan } from '../../../formats/training-plan';
import type { UploadReadOptions } from '../../../formats/upload-read-options';
import { errorMessage } from '../../lib/error-message';
import { useTRPCClient } from '../../lib/trpc';
import { BrowserRunView } from './browser-run-view';
import { serverUploadSources, uploadDomains, type UploadDomain } from './browser-uploads';
import { UploadPicker } from './upload-picker';

interface Props {
  /** The graph as it is now (compiled when the button is pressed). */
  document: () => GraphDocument;
  graphId?: string | null;
  graphVersion?: number | null;
  /** A visitor with access: may save the run, and reads uploads from the server. */
  canSave: boolean;
  /** A share link's visitor: how the shared graph's uploads are read (graphs.getShared); they pick the files. */
  sharedUploads?: readonly UploadReadOptions[];
  disabled?: boolean;
}

type Session = { plan: TrainingPlan; uploads: Record<string, BrowserUploadSource> } | { plan: TrainingPlan; picking: UploadDomain[] };

/**
 * "Run in this browser": compiles the graph through the server's pure compile procedure (open to share links),
 * gets the plan's uploads (from the server with access, else files the visitor picks), then trains the plan in a
 * Web Worker here, shown over the page.
 */
export function BrowserRunButton({ document, graphId = null, graphVersion = null, canSave, sharedUploads = [], disabled }: Props) {
  const client = useTRPCClient();
  const [session, setSession] = useState<Session | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const uploadsFor = async (plan: TrainingPlan): Promise<Session> => {
    const ids = plan.domains.flatMap((d) => (d.dataset.kind === 'upload' ? [d.dataset.id] : []));
    if (ids.length === 0) return { plan, uploads: {} };
    if (!canSave) return { plan, picking: uploadDomains(plan, sharedUploads) };
    const known = (await client.datasets.readOptions.query({ ids })).uploads;
    return { plan, uploads: await serverUploadSources(uploadDomains(plan, known)) };
  };
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const compiled = await client.graph.compile.mutate({ document: document() });
      if (compiled.ok) setSession(await uploadsFor(compiled.plan));
      else setError(`The graph does not compile: ${compiled.errors.map((e) => e.message).slice(0, 3).join('; ')}`);
    } catch (err) {
      setError(errorMessage(err).slice(0, 300));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {error && <span className="small" role="status" data-testid="browser-run-start-error" style={{ color: 'var(--danger)' }}>{error}</span>}
      <button className="btn" onClick={() => void start()} disabled={disabled || busy} title="Train in this browser (WebGPU, WebGL or WASM) instead of on the server">
        {busy ? 'Preparing…' : 'Run in this browser'}
      </button>
      {session && (
        <div className="browser-run-overlay" style={{ position: 'fixed', inset: 0, zIndex: 50, overflow: 'auto', background: 'var(--bg, #fff)' }}>
          {'picking' in session ? (
            <UploadPicker domains={session.picking} onReady={(uploads) => setSession({ plan: session.plan, uploads })} onCancel={() => setSession(null)} />
          ) : (
            <BrowserRunView plan={session.plan} uploads={session.uploads} graphId={graphId} graphVersion={graphVersion} canSave={canSave} onClose={() => setSession(null)} />
          )}
        </div>
      )}
    </>
  );
}
