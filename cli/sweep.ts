/**
 * npm run sweep -- <graph.json> --set nodeId.param=v1,v2,v3 [--set …] [--json] [--concurrency N] [--repeats N]
 * Compiles the graph's sweep (its own `sweeps` plus each --set), runs every member on the embedded queue (as the
 * server does, STEPSTONE_CONCURRENCY members at a time), shows progress, then prints each member's validators and
 * test accuracy, each validator's pick and its distance from the oracle. With --json the last line of stdout is
 * { members, picks, oracle, oracleGap, rankCorrelation } (docs/sweeps.md).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { migrateGraph } from '../formats/migrate-graph';
import { validatorInfo, validatorNames } from '../formats/validators';
import { createServices } from '../server/services';
import { compileSweep } from '../server/sweeps/compile-sweep';
import { SweepStore, type SweepView } from '../server/sweeps/sweep-store';
import type { SweepSummary } from '../server/sweeps/summarise-sweep';
import { fileIssue, loadGraphFile, reportFailure, type CliIo } from './graph-input';
import { parseSweepArgs, withSets, type SweepArgs } from './sweep-args';
import { pct } from './train-summary';

const io: CliIo = { out: (t) => console.log(t), err: (t) => console.error(t) };

/** The graph file with the --set sweeps, compiled to its members; undefined after reporting why not. */
async function compiled(args: SweepArgs) {
  const loaded = await loadGraphFile(args.file);
  if (typeof loaded === 'string') return void reportFailure(args.file, args.json, io, [fileIssue(loaded)]);
  const migrated = migrateGraph(loaded.value);
  if (!migrated.ok) return void reportFailure(args.file, args.json, io, migrated.errors.map((e) => fileIssue(`${e.path}: ${e.message}`, 'schema')));
  const sweep = compileSweep(withSets(migrated.document, args.sets));
  if (!sweep.ok) return void reportFailure(args.file, args.json, io, sweep.errors, sweep.warnings);
  if (args.repeats) for (const m of sweep.members) m.plan.evaluation.repeats = args.repeats;
  return sweep;
}

const score = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(3));

/** One row per member: its swept values, each validator's score and the test accuracy. */
function printTable(view: SweepView): void {
  const s = view.summary;
  const rows = s.members.map((m) => {
    const row: Record<string, string> = { ...Object.fromEntries(Object.entries(m.values).map(([k, v]) => [k, String(v)])) };
    for (const n of validatorNames) row[validatorInfo[n].label + (validatorInfo[n].higherIsBetter ? ' ↑' : ' ↓')] = score(m.validators[n]);
    row['test acc'] = m.test ? pct(m.test.accuracy.mean) : '—';
    if (m.status !== 'succeeded') row.status = m.status;
    return row;
  });
  console.table(rows);
  for (const n of validatorNames) {
    const pick = s.picks[n];
    if (pick === undefined) continue;
    const gap = s.oracleGap[n] === undefined ? '' : `, ${(s.oracleGap[n]! * 100).toFixed(1)} points below the oracle`;
    const rho = s.rankCorrelation[n] === undefined ? '' : `; rank correlation with test accuracy ${s.rankCorrelation[n]!.toFixed(2)}`;
    console.log(`${validatorInfo[n].label} picks member ${pick + 1}${gap}${rho}`);
  }
  if (s.oracle !== null) console.log(`oracle (best on the target test split, for comparison only): member ${s.oracle + 1}`);
}

/** The --json line, in `npm run train --json`'s metric shape. */
export function sweepJson(s: SweepSummary) {
  return {
    members: s.members.map((m) => ({ values: m.values, status: m.status, validators: m.validators, ...(m.test ? { test: m.test } : {}) })),
    picks: s.picks,
    ...(s.oracle !== null ? { oracle: s.oracle } : {}),
    oracleGap: s.oracleGap,
    rankCorrelation: s.rankCorrelation,
  };
}

async function main(): Promise<number> {
  const args = parseSweepArgs(process.argv.slice(2));
  const sweep = await compiled(args);
  if (!sweep) return 1;
  if (args.backend) process.env.STEPSTONE_BACKEND = args.backend;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'stepstone-sweep-'));
  const services = await createServices({ databaseUrl: '', pgliteDir: 'memory://', dataDir, concurrency: args.concurrency });
  const store = new SweepStore(services.db, services.store);
  const bar = new cliProgress.SingleBar({ format: 'sweep |{bar}| {value}/{total} members  {info}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  try {
    const id = await store.start(sweep, services.jobs);
    process.once('SIGINT', () => void store.cancel(id, services.jobs));
    bar.start(sweep.members.length, 0, { info: '' });
    let view = (await store.view(id))!;
    while (view.status === 'queued' || view.status === 'running') {
      await new Promise((r) => setTimeout(r, 500));
      view = (await store.view(id))!;
      const done = view.runs.filter((r) => !['queued', 'running'].includes(r.status)).length;
      bar.update(done, { info: `${view.runs.filter((r) => r.status === 'running').length} running` });
    }
    bar.stop();
    printTable(view);
    if (args.json) console.log(JSON.stringify(sweepJson(view.summary)));
    return view.status === 'finished' && view.runs.every((r) => r.status === 'succeeded') ? 0 : 1;
  } finally {
    bar.stop();
    await services.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
