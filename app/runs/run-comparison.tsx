import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import type { RunResult, RunTrack } from '../../formats/run-events';
import type { AppRouter } from '../../server/api/root';
import { beforeAfter, formatCi, formatDistance, formatGain, formatTestStat } from './result-view';
import { trackLabels } from './run-view-state';
import { VerdictBadge } from './verdict-badge';

/** A run of the list, its result lifted to the current format. */
export type ListedRun = Omit<inferRouterOutputs<AppRouter>['runs']['list'][number], 'result'> & { result: RunResult | null };

type Row = { label: string; value: (r: RunResult) => React.ReactNode };

const testAcc = (t: RunTrack) => (r: RunResult) => (r.testLabels === 'none' && !r.models[t] ? '—' : formatTestStat(r, r.models[t]?.splits.test?.accuracy));

/** Proxy A of the adapted pair: inputs → method features. */
function proxyA(r: RunResult): string {
  const line = beforeAfter(r)?.lines.find((l) => l.metric === 'proxyA');
  if (!line) return formatDistance(r.distances.inputs[0]?.proxyA);
  return [line.steps[0], line.steps[line.steps.length - 1]].map((s) => formatDistance(s?.value, 2)).join(' → ');
}

const rows: Row[] = [
  { label: 'Method, target test', value: testAcc('method') },
  { label: 'Macro F1, target test', value: (r) => formatTestStat(r, r.models.method.splits.test?.macroF1) },
  { label: 'Source only, target test', value: testAcc('sourceOnly') },
  { label: 'Target only, target test', value: testAcc('targetOnly') },
  { label: 'Source + target, target test', value: testAcc('sourcePlusTarget') },
  { label: 'Gain', value: (r) => (r.gain ? `${formatGain(r.gain.mean)} vs ${trackLabels[r.gain.baseline].toLowerCase()}` : '—') },
  { label: '95 % interval of the gain', value: (r) => (r.gain?.ci95 ? formatCi(r.gain.ci95) : r.gain ? 'one seed' : '—') },
  { label: 'Verdict', value: (r) => <VerdictBadge verdict={r.verdict} gain={r.gain} /> },
  { label: 'Proxy A: inputs → method features', value: proxyA },
  { label: 'Seeds', value: (r) => r.seeds.join(', ') },
  { label: 'Backend', value: (r) => r.backend },
  { label: 'Time', value: (r) => `${(r.durationMs / 1000).toFixed(1)} s` },
];

/** Finished runs side by side: the same rows for each, so methods and settings can be weighed. */
export function RunComparison({ runs }: { runs: ListedRun[] }) {
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
                  {r.result ? row.value(r.result) : '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
