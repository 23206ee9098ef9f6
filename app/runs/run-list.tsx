'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { inferRouterOutputs } from '@trpc/server';
import { useState } from 'react';
import type { AppRouter } from '../../server/api/root';
import { useTRPC } from '../lib/trpc';
import { errorMessage } from '../lib/error-message';
import { formatGain, formatPercent, isNegativeTransfer } from './run-view-state';

/** Every run, newest first, with its result beside the baselines for comparison. */
export function RunList() {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.runs.list.queryOptions(), refetchInterval: 4000 });
  const [picked, setPicked] = useState<string[]>([]);
  const compared = (list.data ?? []).filter((r) => picked.includes(r.id) && r.result);
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
                <th aria-label="Compare" />
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
                const negative = res ? isNegativeTransfer(res) : false;
                return (
                  <tr key={r.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Compare run ${r.id}`}
                        disabled={!res}
                        checked={picked.includes(r.id)}
                        onChange={(e) => setPicked((p) => (e.target.checked ? [...p, r.id] : p.filter((x) => x !== r.id)))}
                      />
                    </td>
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
      {list.data && list.data.length > 0 && compared.length < 2 && <p className="subtle small">Tick two or more finished runs to compare them side by side.</p>}
      {compared.length >= 2 && <Comparison runs={compared} />}
    </div>
  );
}

type RunSummary = inferRouterOutputs<AppRouter>['runs']['list'][number];

/** Finished runs side by side: the same rows for each, so methods and settings can be weighed. */
function Comparison({ runs }: { runs: RunSummary[] }) {
  const rows: Array<{ label: string; value: (r: RunSummary) => React.ReactNode }> = [
    { label: 'Target accuracy', value: (r) => formatPercent(r.result?.method.accuracy) },
    { label: 'Macro F1', value: (r) => formatPercent(r.result?.method.macroF1) },
    { label: 'Source only', value: (r) => formatPercent(r.result?.baselines.sourceOnly?.accuracy) },
    { label: 'Target only', value: (r) => formatPercent(r.result?.baselines.targetOnly?.accuracy) },
    { label: 'Source + target', value: (r) => formatPercent(r.result?.baselines.sourcePlusTarget?.accuracy) },
    {
      label: 'Gain',
      value: (r) =>
        r.result ? (
          <span style={{ color: isNegativeTransfer(r.result) ? 'var(--danger)' : 'var(--ok)', fontWeight: 600 }}>
            {formatGain(r.result.gain)}
            {isNegativeTransfer(r.result) ? ' ⚠ negative transfer' : ''}
          </span>
        ) : (
          '—'
        ),
    },
    { label: 'MMD² (source ↔ target)', value: (r) => r.result?.domainDistances[0]?.mmd?.toFixed(4) ?? '—' },
    { label: 'Proxy A-distance', value: (r) => r.result?.domainDistances[0]?.proxyA?.toFixed(3) ?? '—' },
    { label: 'Backend', value: (r) => r.result?.backend ?? '—' },
    { label: 'Seed', value: (r) => r.result?.seed ?? '—' },
    { label: 'Time', value: (r) => (r.result ? `${(r.result.durationMs / 1000).toFixed(1)} s` : '—') },
  ];
  return (
    <div className="card card-pad" style={{ marginTop: 16 }} data-testid="run-comparison">
      <h2>Comparison</h2>
      <table className="data">
        <thead>
          <tr>
            <th />
            {runs.map((r) => (
              <th key={r.id} className="num" style={{ textTransform: 'none' }}>
                <Link href={`/runs/${r.id}`}>{r.graphName}</Link>
                <div className="subtle small" style={{ fontWeight: 400 }}>
                  {new Date(r.createdAt).toLocaleString()}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <td className="subtle">{row.label}</td>
              {runs.map((r) => (
                <td key={r.id} className="num">
                  {row.value(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
