'use client';

import { useEffect, useState } from 'react';
import type { BrowserUploadSource } from '../../../formats/browser-worker-protocol';
import type { TrainingPlan } from '../../../formats/training-plan';
import { errorMessage } from '../../lib/error-message';
import { useTRPCClient } from '../../lib/trpc';
import { BoundaryPair } from '../[id]/boundary-plot';
import { DistancesPanel } from '../[id]/distances-panel';
import { LiveCurves } from '../[id]/live-curves';
import { LiveProgress } from '../[id]/live-progress';
import { ModelTable } from '../[id]/model-table';
import { ProjectionPair } from '../[id]/projection-pair';
import { ResultSummary } from '../[id]/result-summary';
import { RunDetails } from '../[id]/run-details';
import { browserRunFile, downloadBrowserRun, finalResult } from './browser-run-file';
import { useBrowserRun, type BackendChoice } from './use-browser-run';

interface Props {
  plan: TrainingPlan;
  /** The plan's uploads by id (read from the server, or files the visitor picked). */
  uploads?: Readonly<Record<string, BrowserUploadSource>>;
  /** The saved graph the plan was compiled from, if any (the saved run links to it). */
  graphId?: string | null;
  graphVersion?: number | null;
  /** Whether this visitor has access (a token-less share visitor does not: the run stays in the browser). */
  canSave: boolean;
  onClose: () => void;
}

const choices: { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'Auto (WebGPU → WebGL → WASM)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'WASM (CPU)' },
];

function SaveButton({ onSave, saved }: { onSave: () => Promise<void>; saved: string | null }) {
  const [busy, setBusy] = useState(false);
  if (saved) return <a className="btn ghost" href={`/runs/${saved}`} data-testid="browser-run-saved">Saved: open run</a>;
  return (
    <button className="btn" disabled={busy} onClick={() => (setBusy(true), void onSave().finally(() => setBusy(false)))} title="Store this run on the server, like a server run">
      Save to server
    </button>
  );
}

/** The run page for a run training in this browser: the same panels, fed by the worker's events. */
export function BrowserRunView({ plan, uploads, graphId = null, graphVersion = null, canSave, onClose }: Props) {
  const { state, run, cancel } = useBrowserRun(plan, uploads);
  const client = useTRPCClient();
  const [choice, setChoice] = useState<BackendChoice>('auto');
  const [saved, setSaved] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => run(choice), [run, choice]);
  const { view, status, events } = state;
  const result = view.result ?? finalResult(events);
  const started = events.find((e) => e.type === 'started');
  const adapter = started?.type === 'started' ? started.adapter : undefined;
  const save = async () => {
    try {
      setSaved((await client.runs.saveBrowserRun.mutate({ plan, graphId, graphVersion, events: [...events] })).runId);
    } catch (err) {
      setMessage(`Not saved: ${errorMessage(err).slice(0, 200)}`);
    }
  };
  return (
    <div className="page" data-testid="browser-run-view">
      <div className="page-header">
        <div>
          <div className="subtle small">Run in this browser · nothing is sent to the server{canSave ? ' unless you save it' : ''}</div>
          <h1>{plan.graphName}</h1>
          <div className="row small subtle">
            <span className={`status-pill ${status}`} data-testid="run-status">{status}</span>
            {view.backend && <span>backend <strong data-testid="browser-run-backend">{view.backend}</strong>{adapter ? ` (${adapter})` : ''}</span>}
            <span data-testid="browser-run-reports">{events.filter((e) => e.type === 'epoch').length} reports</span>
            {message && <span style={{ color: 'var(--danger)' }}>{message}</span>}
          </div>
        </div>
        <div className="row">
          <label className="small">
            Backend{' '}
            <select data-testid="browser-backend" value={choice} onChange={(e) => setChoice(e.target.value as BackendChoice)}>
              {choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
            </select>
          </label>
          {status === 'running' ? <button className="btn danger" onClick={cancel}>Cancel run</button> : <button className="btn" onClick={() => run(choice)}>Run again</button>}
          <button className="btn ghost" disabled={events.length === 0} onClick={() => downloadBrowserRun(browserRunFile(plan, events))} title="Download the run's events and result as JSON">Export</button>
          {canSave && status === 'succeeded' && <SaveButton onSave={save} saved={saved} />}
          <button className="btn ghost" onClick={onClose}>Close</button>
        </div>
      </div>
      {status === 'failed' && <div className="banner error" style={{ marginBottom: 16 }} data-testid="browser-run-error">The run failed: {state.error}</div>}
      {result && <ResultSummary result={result} />}
      {result && <div style={{ marginTop: 16 }}><ModelTable result={result} /></div>}
      {!result && Object.keys(view.tracks).length > 0 && <LiveProgress view={view} plan={plan} />}
      {!result && events.length === 0 && status === 'running' && <div className="card empty">Loading TF.js and the data in this browser…</div>}
      <div style={{ marginTop: 16 }}>
        <DistancesPanel result={result} distances={view.distances.length ? view.distances : (result?.distances.inputs ?? [])} classifier={view.distanceClassifier ?? result?.distances.proxyAClassifier.inputs ?? null} />
      </div>
      <div style={{ marginTop: 16 }}><BoundaryPair boundaries={view.boundaries} /></div>
      <div className="run-grid" style={{ marginTop: 16 }}><ProjectionPair projections={view.projections} /></div>
      <div className="run-grid" style={{ marginTop: 16 }}><LiveCurves view={view} /></div>
      <RunDetails view={view} />
    </div>
  );
}
