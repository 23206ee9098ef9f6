'use client';

import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../lib/error-message';
import { initialRunView, reduceRunEvent } from '../run-view-state';
import { browserRunFile, downloadBrowserRun } from './browser-run-file';
import { BrowserRunPanels } from './browser-run-panels';
import type { LocalRunRecord } from './local-run-record';
import { deleteLocalRun, getLocalRun } from './local-run-store';
import { SaveToServer } from './save-to-server';

/** /runs/local/<id>: a run trained and kept in this browser, shown by the run page's panels from its events. */
export function LocalRunPage({ id }: { id: string }) {
  const [record, setRecord] = useState<LocalRunRecord | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    getLocalRun(id).then(
      (r) => (r.ok ? setRecord(r.record) : setProblem(r.reason)),
      (err: unknown) => setProblem(`This browser's storage could not be read: ${errorMessage(err)}`),
    );
  }, [id]);
  const view = useMemo(() => (record ? record.events.reduce((s, e) => reduceRunEvent(s, e), initialRunView) : initialRunView), [record]);
  if (problem) return <div className="page"><div className="banner error" data-testid="local-run-problem">{problem}</div></div>;
  if (!record) return <div className="empty">Reading the run kept in this browser…</div>;
  const remove = async () => {
    await deleteLocalRun(id);
    window.location.assign('/runs');
  };
  return (
    <div className="page" data-testid="local-run-page">
      <div className="page-header">
        <div>
          <div className="subtle small">Run in this browser · kept in this browser only (ended {new Date(record.endedAt).toLocaleString()})</div>
          <h1>{record.plan.graphName}</h1>
          <div className="row small subtle">
            <span className={`status-pill ${record.status}`} data-testid="run-status">{record.status}</span>
            {view.backend && <span>backend <strong data-testid="browser-run-backend">{view.backend}</strong></span>}
            <span data-testid="browser-run-reports">{record.events.filter((e) => e.type === 'epoch').length} reports</span>
          </div>
        </div>
        <div className="row">
          <button className="btn ghost" onClick={() => downloadBrowserRun(browserRunFile(record.plan, record.events))}>Export</button>
          {record.canSave && record.status === 'succeeded' && <SaveToServer plan={record.plan} graphId={record.graphId} graphVersion={record.graphVersion} events={record.events} />}
          <button className="btn ghost" onClick={() => void remove()} title="Delete this run from this browser">Delete</button>
        </div>
      </div>
      <BrowserRunPanels plan={record.plan} view={view} events={record.events} status={record.status} error={record.error} />
    </div>
  );
}
