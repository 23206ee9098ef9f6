'use client';

import { useEffect, useState } from 'react';
import { errorMessage } from '../../lib/error-message';
import type { LocalRunSummary } from './local-run-record';
import { listLocalRuns } from './local-run-store';

/** The runs page's "In this browser" section: runs trained and kept here (never on the server). */
export function LocalRunList() {
  const [runs, setRuns] = useState<LocalRunSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    listLocalRuns().then(setRuns, (err: unknown) => setProblem(errorMessage(err)));
  }, []);
  if (problem) return <div className="banner error">This browser's storage could not be read: {problem}</div>;
  if (!runs || runs.length === 0) return null;
  return (
    <section className="card" style={{ marginTop: 24 }} data-testid="local-run-list">
      <h2>In this browser</h2>
      <p className="small subtle">Runs trained with “Run in this browser”, kept here only.</p>
      <table className="data">
        <thead><tr><th>Graph</th><th>Status</th><th>Backend</th><th>Target accuracy</th><th>Ended</th></tr></thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td><a href={`/runs/local/${r.id}`}>{r.graphName}</a></td>
              <td><span className={`status-pill ${r.status}`}>{r.status}</span></td>
              <td>{r.backend ?? '—'}</td>
              <td>{r.accuracy === null ? '—' : `${(r.accuracy * 100).toFixed(1)}%`}</td>
              <td>{new Date(r.endedAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
