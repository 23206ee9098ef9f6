/**
 * npm run train -- <graph.json> [--data nodeId=file.csv[:label=col|none]]… [--json] [--backend wasm|cpu|tensorflow|tensorflow-gpu] [--out dir]
 * Compiles a graph, trains it with a progress bar, prints method vs baselines, and exports the model.
 * With --json the last line of stdout is one machine-readable summary (see docs/train-cli.md).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { predictionsCsv } from '../formats/predictions';
import cliProgress from 'cli-progress';
import { backendNameSchema, epochAccuracyKeys, type BackendName, type RunEvent, type RunResult } from '../formats/run-events';
import { runTracks } from '../server/runtime/units/track-stages';
import type { TrainingPlan } from '../formats/training-plan';
import { checkPlanBudget, defaultRows, machineBudget, planCost } from '../server/jobs/plan-budget';
import { runPlan } from '../server/runtime/run-plan';
import { attachData, parseDataArg, type AttachedData, type DataArg } from './data-args';
import { compileGraphFile, fileIssue, reportFailure, type CliIo } from './graph-input';
import { jsonSummary, pct, printSummary } from './train-summary';

interface Args {
  file: string;
  json: boolean;
  repeats?: number;
  workers?: number;
  backend?: BackendName;
  out: string;
  data: DataArg[];
  /** Where to write the target's predictions (CSV), if anywhere. */
  predictions?: string;
}

function positiveInt(v: string | undefined, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new Error(`${flag} needs a whole number from 1 to 20, got "${v ?? ''}"`);
  return n;
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> & { data: DataArg[] } = { json: false, out: 'artifacts', data: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--backend') args.backend = backendNameSchema.parse(argv[++i]);
    else if (a === '--out') args.out = argv[++i];
    else if (a === '--repeats') args.repeats = positiveInt(argv[++i], a);
    else if (a === '--workers') args.workers = positiveInt(argv[++i], a);
    else if (a === '--data') args.data.push(parseDataArg(argv[++i] ?? ''));
    else if (a === '--predictions') args.predictions = argv[++i];
    else if (a.startsWith('--')) throw new Error(`Unknown option ${a}`);
    else args.file = a;
  }
  if (!args.file) throw new Error('Usage: npm run train -- <graph.json> [--data nodeId=file.csv[:label=col|none]] [--json] [--repeats N] [--workers N] [--backend wasm] [--out dir]');
  return args as Args;
}


/** --predictions: the target's held-out and unlabelled rows, as the run page's CSV. */
async function writePredictions(file: string, event: Extract<RunEvent, { type: 'predictions' }> | undefined): Promise<void> {
  if (!event) return console.error('No predictions were recorded (the target has no held-out or unlabelled rows).');
  await writeFile(file, predictionsCsv(event.classNames, event.rows));
  console.error(`Predictions for ${event.rows.length} target rows: ${file}`);
}

const io: CliIo = { out: (t) => console.log(t), err: (t) => console.error(t) };

/**
 * The graph as `npm run compile` reads it (same limits, same error format), then the plan budget the
 * server applies when a run starts (STEPSTONE_TRAINING_MEMORY_MB / STEPSTONE_MAX_TRAINING_FLOPS raise it).
 */
async function planFor(args: Args, data: AttachedData): Promise<TrainingPlan | undefined> {
  const compiled = await compileGraphFile(args.file, args.json, io, async (value) => {
    Object.assign(data, await attachData(value, args.file, args.data));
    return { uploads: data.uploads };
  });
  if (!compiled) return undefined;
  const plan = compiled.plan;
  if (args.repeats) plan.evaluation.repeats = args.repeats;
  const uploads = Object.fromEntries(plan.domains.flatMap((d) => (d.dataset.kind === 'upload' ? [[d.dataset.id, data.uploads[d.dataset.id]?.rows ?? 0]] : [])));
  const tooLarge = checkPlanBudget(planCost(plan, defaultRows(uploads)), machineBudget());
  if (tooLarge) {
    reportFailure(args.file, args.json, io, [fileIssue(tooLarge.message.replace(/^planTooLarge: /, ''), 'planTooLarge', tooLarge.hint)]);
    return undefined;
  }
  return plan;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const data: AttachedData = { uploads: {}, files: {} };
  const plan = await planFor(args, data);
  if (!plan) return 1;
  // Progress in models finished (model × seed), with the latest validation accuracy as the info.
  const totalModels = runTracks(plan).length * plan.evaluation.repeats;
  const bar = new cliProgress.SingleBar({ format: '{track} |{bar}| {value}/{total} models  {info}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  let done = 0;
  let backend = '';
  bar.start(totalModels, 0, { track: 'loading', info: '' });
  const onEvent = (e: RunEvent) => {
    if (e.type === 'started') backend = e.backend;
    if (e.type === 'model') done++;
    if (e.type === 'epoch' || e.type === 'model') {
      const acc = e.type === 'epoch' ? (e.metrics[epochAccuracyKeys.targetValidation] ?? e.metrics[epochAccuracyKeys.sourceValidation]) : e.scores.sourceValidation?.accuracy;
      bar.update(done, { track: `${e.track} seed ${e.seed ?? ''}`, info: acc === undefined ? '' : `validation ${pct(acc)}` });
    }
    if (e.type === 'warning') bar.update(done, { info: 'warning (see below)' });
  };
  const warnings: string[] = [];
  let predictions: Extract<RunEvent, { type: 'predictions' }> | undefined;
  let result: RunResult;
  try {
    result = await runPlan(plan, {
      backend: args.backend,
      parallelism: args.workers,
      artifactDir: path.resolve(args.out),
      resolveUpload: async (id) => data.files[id],
      onEvent: (e) => {
        if (e.type === 'warning') warnings.push(e.message);
        if (e.type === 'predictions') predictions = e;
        onEvent(e);
      },
    });
  } finally {
    bar.stop();
  }
  printSummary(plan, result, warnings, backend);
  if (args.predictions) await writePredictions(args.predictions, predictions);
  if (args.json) console.log(JSON.stringify(jsonSummary(plan.graphName, result)));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
