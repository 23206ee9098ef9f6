'use client';

import { useEffect, useState } from 'react';
import type { BrowserUploadSource } from '../../../formats/browser-worker-protocol';
import type { TrainingPlan } from '../../../formats/training-plan';
import { errorMessage } from '../../lib/error-message';
import { browserRunFile, downloadBrowserRun } from './browser-run-file';
import { BrowserRunPanels } from './browser-run-panels';
import { localRunRecord } from './local-run-record';
import { putLocalRun } from './local-run-store';
import { ModelDownload } from './model-download';
import { SaveToServer } from './save-to-server';
import { useBrowserRun, type BackendChoice, type BrowserRunState } from './use-browser-run';

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

/** Keeps each ended run in this browser (IndexedDB), so /runs/local/<id> shows it after a reload. */
function useKeepRun(state: BrowserRunState, props: Pick<Props, 'plan' | 'canSave' | 'graphId' | 'graphVersion'>) {
  const [kept, setKept] = useState<{ id: string; error?: string } | null>(null);
  const { runId, status, events, error } = state;
  const { plan, canSave, graphId = null, graphVersion = null } = props;
  useEffect(() => {
    if (status === 'running' || events.length === 0 || !runId) return;
    const record = localRunRecord({ id: runId, endedAt: new Date().toISOString(), status, error, canSave, graphId, graphVersion, plan, events });
    putLocalRun(record).then(
      () => setKept({ id: runId }),
      (err: unknown) => setKept({ id: runId, error: `Not kept in this browser: ${errorMessage(err).slice(0, 200)}` }),
    );
  }, [runId, status, events, error, plan, canSave, graphId, graphVersion]);
  return kept && kept.id === runId ? kept : null;
}

/** The run page for a run training in this browser: the same panels, fed by the worker's events. */
export function BrowserRunView({ plan, uploads, graphId = null, graphVersion = null, canSave, onClose }: Props) {
  const { state, run, cancel } = useBrowserRun(plan, uploads);
  const [choice, setChoice] = useState<BackendChoice>('auto');
  const kept = useKeepRun(state, { plan, canSave, graphId, graphVersion });
  useEffect(() => run(choice), [run, choice]);
  const { view, status, events } = state;
  const started = events.find((e) => e.type === 'started');
  const adapter = started?.type === 'started' ? started.adapter : undefined;
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
          </div>
          {kept && <div className="small" style={{ marginTop: 4 }}>{kept.error ? <span style={{ color: 'var(--danger)' }}>{kept.error}</span> : <a href={`/runs/local/${kept.id}`} data-testid="browser-run-local-link">Kept in this browser: open its page</a>}</div>}
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
          {state.modelFiles && status === 'succeeded' && <ModelDownload name={state.modelFiles.name} files={state.modelFiles.files} />}
          {canSave && status === 'succeeded' && <SaveToServer key={state.runId} plan={plan} graphId={graphId} graphVersion={graphVersion} events={events} />}
          <button className="btn ghost" onClick={onClose}>Close</button>
        </div>
      </div>
      <BrowserRunPanels plan={plan} view={view} events={events} status={status} error={state.error} />
    </div>
  );
}
