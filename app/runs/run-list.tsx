'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useTRPC } from '../lib/trpc';
import { errorMessage } from '../lib/error-message';
import { groupRuns, statusSummary } from './group-runs';
import { formatCi, formatGain, formatTestStat, seedsLabel, toRunResult } from './result-view';
import { RunComparison, type ListedRun } from './run-comparison';
import { trackLabels } from './run-view-state';
import { VerdictBadge } from './verdict-badge';
import { LocalRunList } from './browser/local-run-list';

function RunRow({ run: r, picked, onPick }: { run: ListedRun; picked: boolean; onPick: (on: boolean) => void }) {
  const res = r.result;
  const test = res?.models.method.splits.test?.accuracy;
  return (
    <tr>
      <td>
        <input type="checkbox" aria-label={`Compare run ${r.id}`} disabled={!res} checked={picked} onChange={(e) => onPick(e.target.checked)} />
      </td>
      <td>
        <Link href={`/runs/${r.id}`}>{r.graphName}</Link>
      </td>
      <td>
        <span className={`status-pill ${r.status}`}>{r.status}</span>
      </td>
      <td className="subtle">{new Date(r.createdAt).toLocaleString()}</td>
      <td className="num" title={test ? `target test, ${seedsLabel(test.perSeed.length)}` : undefined}>
        {res ? formatTestStat(res, test) : '—'}
      </td>
      <td className="num" data-testid="list-gain">
        {res?.gain ? (
          <>
            <strong>{formatGain(res.gain.mean)}</strong>
            <div className="subtle small" title={`95 % t-interval, paired by seed, vs ${trackLabels[res.gain.baseline].toLowerCase()}`}>
              {res.gain.ci95 ? formatCi(res.gain.ci95) : 'one seed'} vs {trackLabels[res.gain.baseline].toLowerCase()}
            </div>
          </>
        ) : (
          '—'
        )}
      </td>
      <td>{res ? <VerdictBadge verdict={res.verdict} gain={res.gain} /> : '—'}</td>
      <td>{res?.backend ?? '—'}</td>
      <td className="num" style={{ whiteSpace: 'nowrap' }}>
        {res ? `${(res.durationMs / 1000).toFixed(1)} s` : '—'}
      </td>
    </tr>
  );
}

/** A sweep's member runs as one row: its name, member statuses and a link to the sweep page. */
function SweepRow({ sweepId, name, members, statusCounts }: { sweepId: string; name: string; members: ListedRun[]; statusCounts: Record<string, number> }) {
  return (
    <tr data-testid="sweep-row">
      <td />
      <td>
        <Link href={`/sweeps/${sweepId}`}>Sweep: {name}</Link>
        <div className="subtle small">{members.length} member runs</div>
      </td>
      <td colSpan={7} className="subtle">
        {statusSummary(statusCounts)} — each validator&apos;s pick and the members&apos; scores are on the sweep page
      </td>
    </tr>
  );
}

/** Every run, newest first (a sweep's members folded into one row), with the method's score, its gain over the baseline and the server's verdict. */
export function RunList() {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.runs.list.queryOptions(), refetchInterval: 4000 });
  const [picked, setPicked] = useState<string[]>([]);
  // Stored results may predate format 2: lift them once per fetch.
  const runs: ListedRun[] = useMemo(() => (list.data ?? []).map((r) => ({ ...r, result: toRunResult(r.result) })), [list.data]);
  const compared = runs.filter((r) => picked.includes(r.id) && r.result);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Runs</h1>
          <div className="subtle">Each run trains the method and its no-transfer baselines on the same split, over the same seeds.</div>
        </div>
      </div>
      {list.error && <div className="banner error">{errorMessage(list.error)}</div>}
      {list.data && runs.length === 0 && (
        <div className="card empty">
          No runs yet. Open a <Link href="/templates">template</Link> and press Run.
        </div>
      )}
      {runs.length > 0 && (
        <div className="card">
          <table className="data" data-testid="run-list">
            <thead>
              <tr>
                <th aria-label="Compare" />
                <th>Graph</th>
                <th>Status</th>
                <th>Started</th>
                <th className="num">Method acc. (target test)</th>
                <th className="num">Gain, 95 % interval</th>
                <th>Verdict</th>
                <th>Backend</th>
                <th className="num">Time</th>
              </tr>
            </thead>
            <tbody>
              {groupRuns(runs).map((item) =>
                item.kind === 'sweep' ? (
                  <SweepRow key={item.sweepId} {...item} />
                ) : (
                  <RunRow key={item.run.id} run={item.run} picked={picked.includes(item.run.id)} onPick={(on) => setPicked((p) => (on ? [...p, item.run.id] : p.filter((x) => x !== item.run.id)))} />
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      {runs.length > 0 && compared.length < 2 && <p className="subtle small">Tick two or more finished runs to compare them side by side.</p>}
      {compared.length >= 2 && <RunComparison runs={compared} />}
      <LocalRunList />
    </div>
  );
}
