import { describe, expect, it } from 'vitest';
import { groupRuns, statusSummary } from './group-runs';

const run = (id: string, status: string, sweepId: string | null = null, sweepMember: number | null = null) => ({ id, status, sweepId, sweepMember, graphName: `g-${sweepId ?? id}` });

describe('groupRuns', () => {
  it('folds each sweep into one row where its newest member appears, members in member order', () => {
    const items = groupRuns([run('a', 'succeeded'), run('m2', 'running', 's', 2), run('b', 'failed'), run('m0', 'succeeded', 's', 0), run('m1', 'queued', 's', 1), run('x', 'succeeded', 't', 0)]);
    expect(items.map((i) => (i.kind === 'run' ? i.run.id : `sweep:${i.sweepId}`))).toEqual(['a', 'sweep:s', 'b', 'sweep:t']);
    const s = items[1]!;
    if (s.kind !== 'sweep') throw new Error('expected a sweep row');
    expect(s.members.map((m) => m.id)).toEqual(['m0', 'm1', 'm2']);
    expect(s.statusCounts).toEqual({ running: 1, succeeded: 1, queued: 1 });
    expect(s.name).toBe('g-s');
  });
  it('leaves a list without sweeps as it is', () => {
    expect(groupRuns([run('a', 'queued'), run('b', 'succeeded')])).toEqual([
      { kind: 'run', run: run('a', 'queued') },
      { kind: 'run', run: run('b', 'succeeded') },
    ]);
  });
  it('summarises statuses running first, then queued, finished and failures', () => {
    expect(statusSummary({ succeeded: 3, running: 1, failed: 2 })).toBe('1 running · 3 succeeded · 2 failed');
    expect(statusSummary({})).toBe('no runs yet');
  });
});
