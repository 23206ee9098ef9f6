'use client';

import { useState } from 'react';
import type { GraphDocument } from '../../../formats/graph-document';
import type { TrainingPlan } from '../../../formats/training-plan';
import { errorMessage } from '../../lib/error-message';
import { useTRPCClient } from '../../lib/trpc';
import { BrowserRunView } from './browser-run-view';

interface Props {
  /** The graph as it is now (compiled when the button is pressed). */
  document: () => GraphDocument;
  graphId?: string | null;
  graphVersion?: number | null;
  canSave: boolean;
  disabled?: boolean;
}

/**
 * "Run in this browser": compiles the graph through the server's pure compile procedure (open to share links),
 * then trains the plan in a Web Worker here, shown over the page.
 */
export function BrowserRunButton({ document, graphId = null, graphVersion = null, canSave, disabled }: Props) {
  const client = useTRPCClient();
  const [plan, setPlan] = useState<TrainingPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const compiled = await client.graph.compile.mutate({ document: document() });
      if (compiled.ok) setPlan(compiled.plan);
      else setError(`The graph does not compile: ${compiled.errors.map((e) => e.message).slice(0, 3).join('; ')}`);
    } catch (err) {
      setError(`Could not compile: ${errorMessage(err).slice(0, 200)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {error && <span className="small" role="status" style={{ color: 'var(--danger)' }}>{error}</span>}
      <button className="btn" onClick={() => void start()} disabled={disabled || busy} title="Train in this browser (WebGPU, WebGL or WASM) instead of on the server">
        {busy ? 'Compiling…' : 'Run in this browser'}
      </button>
      {plan && (
        <div className="browser-run-overlay" style={{ position: 'fixed', inset: 0, zIndex: 50, overflow: 'auto', background: 'var(--bg, #fff)' }}>
          <BrowserRunView plan={plan} graphId={graphId} graphVersion={graphVersion} canSave={canSave} onClose={() => setPlan(null)} />
        </div>
      )}
    </>
  );
}
