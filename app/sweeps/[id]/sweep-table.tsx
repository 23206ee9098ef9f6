'use client';

import Link from 'next/link';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/api/root';
import { validatorInfo, validatorNames } from '../../../formats/validators';

export type SweepData = inferRouterOutputs<AppRouter>['sweeps']['get'];

const pct = (v: number | undefined) => (v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(3));

/** Members: swept values, each validator's score (★ its pick), test accuracy (the oracle's row highlighted). */
export function SweepTable({ sweep, onUse, using }: { sweep: SweepData; onUse: (member: number) => void; using: boolean }) {
  const s = sweep.summary;
  const runOf = (i: number) => sweep.runs.find((r) => r.index === i);
  return (
    <table className="sweep-table" data-testid="sweep-table">
      <thead>
        <tr>
          <th>#</th>
          {sweep.axes.map((a) => <th key={a.key}>{a.key}</th>)}
          {validatorNames.map((n) => (
            <th key={n} title={validatorInfo[n].summary}>
              {validatorInfo[n].label} {validatorInfo[n].higherIsBetter ? '↑' : '↓'}
            </th>
          ))}
          <th title="Target test split: what the oracle chooses by; a real target has no such labels">test acc</th>
          <th>status</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {s.members.map((m) => (
          <tr key={m.index} className={s.oracle === m.index ? 'oracle' : undefined} data-testid={`sweep-member-${m.index}`}>
            <td>{runOf(m.index) ? <Link href={`/runs/${runOf(m.index)!.runId}`}>{m.index + 1}</Link> : m.index + 1}</td>
            {sweep.axes.map((a) => <td key={a.key}>{String(m.values[a.key])}</td>)}
            {validatorNames.map((n) => (
              <td key={n}>
                {num(m.validators[n])}
                {s.picks[n] === m.index && <span className="sweep-pick" title={`${validatorInfo[n].label} picks this member`}>★</span>}
              </td>
            ))}
            <td>{pct(m.test?.accuracy.mean)}</td>
            <td>{m.status}</td>
            <td>
              <button className="btn small" disabled={m.status !== 'succeeded' || using} onClick={() => onUse(m.index)} data-testid={`use-member-${m.index}`}>
                Use this member
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Per validator: its pick, the accuracy lost against the oracle, its rank correlation with test accuracy. */
export function PicksTable({ sweep }: { sweep: SweepData }) {
  const s = sweep.summary;
  const acc = (i: number | undefined) => (i === undefined ? undefined : s.members.find((m) => m.index === i)?.test?.accuracy.mean);
  return (
    <table className="sweep-table" data-testid="sweep-picks">
      <thead>
        <tr>
          <th>validator</th>
          <th>picks member</th>
          <th>its test acc</th>
          <th>points below the oracle</th>
          <th>rank correlation (Spearman) with test acc</th>
        </tr>
      </thead>
      <tbody>
        {validatorNames.map((n) => (
          <tr key={n}>
            <td title={validatorInfo[n].summary}>{validatorInfo[n].label}</td>
            <td>{s.picks[n] === undefined ? '—' : s.picks[n]! + 1}</td>
            <td>{pct(acc(s.picks[n]))}</td>
            <td>{s.oracleGap[n] === undefined ? '—' : (s.oracleGap[n]! * 100).toFixed(1)}</td>
            <td>{s.rankCorrelation[n] === undefined ? '—' : s.rankCorrelation[n]!.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
