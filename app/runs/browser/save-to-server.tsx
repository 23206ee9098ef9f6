'use client';

import { useState } from 'react';
import type { RunEvent } from '../../../formats/run-events';
import type { TrainingPlan } from '../../../formats/training-plan';
import { errorMessage } from '../../lib/error-message';
import { useTRPCClient } from '../../lib/trpc';

interface Props {
  plan: TrainingPlan;
  graphId: string | null;
  graphVersion: number | null;
  events: readonly RunEvent[];
}

/** "Save to server" for a finished browser run (a visitor with access): stored like a server run, then linked. */
export function SaveToServer({ plan, graphId, graphVersion, events }: Props) {
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    try {
      setSaved((await client.runs.saveBrowserRun.mutate({ plan, graphId, graphVersion, events: [...events] })).runId);
    } catch (err) {
      setMessage(`Not saved: ${errorMessage(err).slice(0, 200)}`);
    } finally {
      setBusy(false);
    }
  };
  if (saved) return <a className="btn ghost" href={`/runs/${saved}`} data-testid="browser-run-saved">Saved: open run</a>;
  return (
    <>
      {message && <span className="small" style={{ color: 'var(--danger)' }}>{message}</span>}
      <button className="btn" disabled={busy} onClick={() => void save()} title="Store this run on the server, like a server run">
        Save to server
      </button>
    </>
  );
}
