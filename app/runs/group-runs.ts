/** A row of the runs list: a run on its own, or a sweep's member runs folded into one row. */
export type RunListItem<R> = { kind: 'run'; run: R } | { kind: 'sweep'; sweepId: string; name: string; members: R[]; statusCounts: Record<string, number> };

interface Groupable {
  readonly sweepId?: string | null;
  readonly sweepMember?: number | null;
  readonly graphName: string;
  readonly status: string;
}

/**
 * Folds each sweep's member runs into one row, placed where its newest member appears (the list is newest first),
 * members in member order. A sweep of 200 members would otherwise bury every other run.
 */
export function groupRuns<R extends Groupable>(runs: readonly R[]): RunListItem<R>[] {
  const items: RunListItem<R>[] = [];
  const sweeps = new Map<string, Extract<RunListItem<R>, { kind: 'sweep' }>>();
  for (const run of runs) {
    if (!run.sweepId) {
      items.push({ kind: 'run', run });
      continue;
    }
    let sweep = sweeps.get(run.sweepId);
    if (!sweep) {
      sweep = { kind: 'sweep', sweepId: run.sweepId, name: run.graphName, members: [], statusCounts: {} };
      sweeps.set(run.sweepId, sweep);
      items.push(sweep);
    }
    sweep.members.push(run);
    sweep.statusCounts[run.status] = (sweep.statusCounts[run.status] ?? 0) + 1;
  }
  for (const s of sweeps.values()) s.members.sort((a, b) => (a.sweepMember ?? 0) - (b.sweepMember ?? 0));
  return items;
}

/** "3 succeeded · 1 running": a sweep's member statuses in a fixed order. */
export function statusSummary(counts: Record<string, number>): string {
  const order = ['running', 'queued', 'succeeded', 'failed', 'cancelled'];
  const keys = [...order.filter((k) => counts[k]), ...Object.keys(counts).filter((k) => !order.includes(k) && counts[k])];
  return keys.map((k) => `${counts[k]} ${k}`).join(' · ') || 'no runs yet';
}
