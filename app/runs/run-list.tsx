'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../lib/trpc';
import { errorMessage } from '../lib/error-message';
import { formatGain, formatPercent } from './run-view-state';

/** Every run, newest first, with its result beside the baselines for comparison. */
export function RunList() {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.runs.list.queryOptions(), refetchInterval: 4000 });
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Runs</h1>
          <div className="subtle">Each run trains the method and its no-transfer baselines on the same split and seed.</div>
        </div>
      </div>
      {list.error && <div className="banner error">{errorMessage(list.error)}</div>}
      {list.data && list.data.length === 0 && (
        <div className="card empty">
          No runs yet. Open a <Link href="/templates">template</Link> and press Run.
        </div>
      )}
      {list.data && list.data.length > 0 && (
        <div className="card">
          <table className="data" data-testid="run-list">
            <thead>
              <tr>
                <th>Graph</th>
                <th>Status</th>
                <th>Started</th>
                <th className="num">Target acc.</th>
                <th className="num">Source only</th>
                <th className="num">Gain</th>
                <th>Backend</th>
                <th className="num">Time</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((r) => {
                const res = r.result;
                const negative = res ? res.negativeTransfer || (res.gain !== null && res.gain < 0) : false;
                return (
                  <tr key={r.id}>
                    <td>
                      <Link href={`/runs/${r.id}`}>{r.graphName}</Link>
                    </td>
                    <td>
                      <span className={`status-pill ${r.status}`}>{r.status}</span>
                    </td>
                    <td className="subtle">{new Date(r.createdAt).toLocaleString()}</td>
                    <td className="num">{formatPercent(res?.method.accuracy)}</td>
                    <td className="num">{formatPercent(res?.baselines.sourceOnly?.accuracy)}</td>
                    <td className="num" style={{ color: negative ? 'var(--danger)' : res ? 'var(--ok)' : undefined, fontWeight: 600 }}>
                      {res ? formatGain(res.gain) : '—'}
                      {negative && ' ⚠'}
                    </td>
                    <td>{res?.backend ?? '—'}</td>
                    <td className="num">{res ? `${(res.durationMs / 1000).toFixed(1)} s` : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
