/**
 * npm run train -- <graph.json> [--json] [--backend wasm|cpu|tensorflow|tensorflow-gpu] [--out dir]
 * Compiles a graph, trains it with a progress bar, prints method vs baselines, and exports the model.
 * With --json the last line of stdout is one machine-readable summary (see docs/train-cli.md).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { backendNameSchema, type BackendName, type RunEvent, type RunResult } from '../formats/run-events';
import { compileGraph } from '../server/compiler/compile-graph';
import { runPlan } from '../server/runtime/run-plan';

interface Args {
  file: string;
  json: boolean;
  backend?: BackendName;
  out: string;
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = { json: false, out: 'artifacts' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--backend') args.backend = backendNameSchema.parse(argv[++i]);
    else if (a === '--out') args.out = argv[++i];
    else if (a.startsWith('--')) throw new Error(`Unknown option ${a}`);
    else args.file = a;
  }
  if (!args.file) throw new Error('Usage: npm run train -- <graph.json> [--json] [--backend wasm] [--out dir]');
  return args as Args;
}

const pct = (v: number | undefined) => (v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const graph = JSON.parse(await readFile(args.file, 'utf8')) as unknown;
  const compiled = compileGraph(graph);
  if (!compiled.ok) {
    for (const e of compiled.errors) console.error(`error: ${JSON.stringify(e)}`);
    return 1;
  }
  const plan = compiled.plan;
  const totalEpochs = (plan.stages.reduce((s, st) => s + (st.boosting ? st.boosting.rounds : st.epochs), 0) + plan.baselines.length * (plan.stages[0]?.epochs ?? 0)) || 1;
  const bar = new cliProgress.SingleBar({ format: '{track} |{bar}| {value}/{total} epochs  {info}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  let done = 0;
  let backend = '';
  bar.start(totalEpochs, 0, { track: 'loading', info: '' });
  const onEvent = (e: RunEvent) => {
    if (e.type === 'started') backend = e.backend;
    if (e.type === 'epoch') {
      done++;
      const acc = e.metrics.targetAccuracy;
      bar.setTotal(Math.max(totalEpochs, done));
      bar.update(done, { track: e.track, info: acc === undefined ? '' : `target ${pct(acc)}` });
    }
    if (e.type === 'warning') bar.update(done, { info: 'warning (see below)' });
  };
  const warnings: string[] = [];
  let result: RunResult;
  try {
    result = await runPlan(plan, {
      backend: args.backend,
      artifactDir: path.resolve(args.out),
      onEvent: (e) => {
        if (e.type === 'warning') warnings.push(e.message);
        onEvent(e);
      },
    });
  } finally {
    bar.stop();
  }
  const names = new Map(plan.domains.map((d) => [d.nodeId, d.name]));
  console.log(`\n${plan.graphName} — ${plan.objective}`);
  console.table({
    method: { accuracy: pct(result.method.accuracy), macroF1: pct(result.method.macroF1) },
    sourceOnly: { accuracy: pct(result.baselines.sourceOnly?.accuracy), macroF1: pct(result.baselines.sourceOnly?.macroF1) },
    targetOnly: { accuracy: pct(result.baselines.targetOnly?.accuracy), macroF1: pct(result.baselines.targetOnly?.macroF1) },
    sourcePlusTarget: { accuracy: pct(result.baselines.sourcePlusTarget?.accuracy), macroF1: pct(result.baselines.sourcePlusTarget?.macroF1) },
  });
  console.log(`gain over source-only: ${result.gain === null ? '—' : `${(result.gain * 100).toFixed(1)} points`}${result.negativeTransfer ? '  ⚠ NEGATIVE TRANSFER' : ''}`);
  for (const d of result.domainDistances) console.log(`distance ${names.get(d.a)} ↔ ${names.get(d.b)}: MMD² ${d.mmd?.toFixed(4) ?? '—'}, proxy A ${d.proxyA?.toFixed(3) ?? '—'}`);
  for (const w of warnings) console.log(`warning: ${w}`);
  for (const a of result.artifacts) console.log(`exported ${a.name}: ${a.path}`);
  console.log(`backend ${backend || result.backend}, ${(result.durationMs / 1000).toFixed(1)} s`);
  if (args.json) {
    console.log(
      JSON.stringify({
        graph: plan.graphName,
        backend: result.backend,
        seed: result.seed,
        durationMs: result.durationMs,
        method: result.method,
        baselines: result.baselines,
        gain: result.gain,
        negativeTransfer: result.negativeTransfer,
        domainDistances: result.domainDistances,
        artifacts: result.artifacts,
      }),
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
