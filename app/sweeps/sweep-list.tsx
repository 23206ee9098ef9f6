'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { statusSummary } from '../runs/group-runs';
import { errorMessage } from '../lib/error-message';
import { useTRPC } from '../lib/trpc';

/** Every sweep, newest first: name, member count and member statuses, each linking to its sweep page. */
export function SweepList() {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.sweeps.list.queryOptions(), refetchInterval: 4000 });
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Sweeps</h1>
          <div className="subtle">
            A sweep trains one run per parameter value and ranks them with label-free validators (see the sweep page for each validator&apos;s pick and its
            gap to the test-split oracle).
          </div>
        </div>
      </div>
      {list.error && <div className="banner error">{errorMessage(list.error)}</div>}
      {list.data && list.data.length === 0 && (
        <div className="card empty">
          No sweeps yet. In the editor, press “Sweep…” under a numeric or choice parameter in the inspector, give values or a range, and press Run sweep.
        </div>
      )}
      {list.data && list.data.length > 0 && (
        <div className="card">
          <table className="data" data-testid="sweep-list">
            <thead>
              <tr>
                <th>Sweep</th>
                <th className="num">Members</th>
                <th>Status</th>
                <th>Started</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/sweeps/${s.id}`}>{s.name}</Link>
                  </td>
                  <td className="num">{s.memberCount}</td>
                  <td className="subtle">{statusSummary(s.statusCounts)}</td>
                  <td className="subtle">{new Date(s.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
