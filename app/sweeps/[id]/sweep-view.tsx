'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { errorMessage } from '../../lib/error-message';
import { useTRPC } from '../../lib/trpc';
import { SweepChart } from './sweep-chart';
import { PicksTable, SweepTable } from './sweep-table';

/**
 * The sweep page: members with their swept values, validators and test accuracy; each validator's pick, its gap
 * to the oracle (the best member on the test split) and its rank correlation; a line (one swept parameter) or a
 * heat map (two); cancel; "use this member" saves its values as a new version of the graph.
 */
export function SweepView({ sweepId }: { sweepId: string }) {
  const trpc = useTRPC();
  const sweep = useQuery({
    ...trpc.sweeps.get.queryOptions({ id: sweepId }),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'finished' || q.state.data.status === 'cancelled') ? false : 1000),
  });
  const cancel = useMutation(trpc.sweeps.cancel.mutationOptions());
  const use = useMutation(trpc.sweeps.useMember.mutationOptions());
  const [saved, setSaved] = useState<{ graphId: string; version: number; member: number } | null>(null);
  if (sweep.error) return <div className="page"><div className="banner error">{errorMessage(sweep.error)}</div></div>;
  const s = sweep.data;
  if (!s) return <div className="page subtle">Loading the sweep…</div>;
  const done = s.runs.filter((r) => !['queued', 'running'].includes(r.status)).length;
  const live = s.status === 'queued' || s.status === 'running';
  const onUse = async (member: number) => {
    const r = await use.mutateAsync({ id: sweepId, member });
    setSaved({ graphId: r.graphId, version: r.version, member });
  };
  return (
    <div className="page" data-testid="sweep-page">
      <div className="page-header">
        <div>
          <h1>Sweep: {s.name}</h1>
          <div className="subtle small">
            {s.memberCount} members · {done} finished · <span className="status-pill" data-testid="sweep-status">{s.status}</span>
          </div>
        </div>
        <div className="row">
          {s.graphId && <Link className="btn" href={`/editor?graph=${encodeURIComponent(s.graphId)}`}>Open graph</Link>}
          {live && <button className="btn danger" onClick={() => cancel.mutate({ id: sweepId })} disabled={cancel.isPending} data-testid="cancel-sweep">Cancel sweep</button>}
        </div>
      </div>
      <div className="progress" style={{ marginBottom: 16 }}><div style={{ width: `${(100 * done) / Math.max(1, s.memberCount)}%`, height: '100%', background: '#2563eb' }} /></div>
      {saved && (
        <div className="banner ok" style={{ marginBottom: 16 }} data-testid="member-saved">
          Member {saved.member + 1} saved as version {saved.version} of the graph. <Link href={`/editor?graph=${encodeURIComponent(saved.graphId)}&version=${saved.version}`}>Open it</Link>
        </div>
      )}
      {use.error && <div className="banner error">{errorMessage(use.error)}</div>}
      <div className="card card-pad" style={{ marginBottom: 16, overflowX: 'auto' }}>
        <h2>Members</h2>
        <SweepTable sweep={s} onUse={(m) => void onUse(m)} using={use.isPending} />
      </div>
      <div className="card card-pad" style={{ marginBottom: 16, overflowX: 'auto' }}>
        <h2>Choosing without target labels</h2>
        <p className="subtle small">Each validator’s choice, and how far it falls from the oracle — the member a user could only find by peeking at target test labels. None is reliable everywhere (Musgrave et al. 2022).</p>
        <PicksTable sweep={s} />
      </div>
      <SweepChart sweep={s} />
    </div>
  );
}
