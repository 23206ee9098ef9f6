/**
 * Method accuracy against its no-transfer baseline on the brief's anchors (section 3), on the TF.js backend the
 * process selects (printed). Runnable directly: `npx tsx bench/methods-bench.ts [DANN|DAN|DDC|TrAdaBoost|zero-shot|transitive|moons ...]`
 * (STEPSTONE_BACKEND to force a backend; `moons`: only the two-moons rows, including the gallery's templates as a user runs them).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { PlanLoss, TrainingPlan } from '../formats/training-plan';
import { DAN_FAMILY_ALPHAS } from '../nodes/mmd-adaptation/mmd-kernels';
import { compileGraph } from '../server/compiler/compile-graph';
import { selectBackend } from '../server/runtime/backend/select-backend';
import { runPlan } from '../server/runtime/run-plan';
import type { RunResult, SeedStat } from '../formats/run-events';
import { dannLoss, moonsPlan, stableDann } from '../server/runtime/test-support/moons-plan';
import { paletteGraph } from '../server/runtime/test-support/palette-graph';
import { parallelTiming, type ParallelTiming } from './parallel-timing';
import { printTransitive, transitiveBench, type TransitiveBench } from './transitive-bench';

/** Seeds per row: every model (method and baselines) is trained on seeds 0 … SEEDS − 1. */
const SEEDS = 5;

function palettePlan(method: 'ddc' | 'dan' | 'dann'): TrainingPlan {
  const compiled = compileGraph(paletteGraph(method));
  if (!compiled.ok) throw new Error(`palette ${method} does not compile: ${JSON.stringify(compiled.errors)}`);
  return compiled.plan;
}

export interface Row {
  readonly setting: string;
  readonly method: string;
  readonly backend: string;
  readonly seeds: number;
  /** Target test accuracy, mean ± std over the seeds. */
  readonly methodAccuracy: SeedStat;
  readonly sourceOnly: SeedStat | null;
  readonly sourcePlusTarget: SeedStat | null;
  /** Paired per-seed gain against the run's chosen baseline, its 95 % t-interval and the verdict. */
  readonly gain: RunResult['gain'];
  readonly verdict: RunResult['verdict'];
  readonly anchor: string;
  /** Zero-shot rows: test accuracy on seen classes, unseen classes and their harmonic mean, method and source-only. */
  readonly zeroShot?: Record<'method' | 'sourceOnly', { seen: number; unseen: number; H: number } | null>;
}

/** DAN as Long et al. define it: the Gaussian family around the median heuristic on the task-specific layers (features, logits). */
const danLoss: PlanLoss = { kind: 'mmd', nodeId: 'dan', nodeType: 'mmdAdaptation', variant: 'dan', layers: ['features', 'head/logits'], weight: 1, estimator: 'unbiased', kernel: 'gaussian', bandwidth: 'median', alphas: [...DAN_FAMILY_ALPHAS] };

/**
 * DANN on digits: a wider domain classifier and λ_p ramped to 0.3, not 1 (measured here, 3 seeds: with λ → 1
 * the 64-unit features are pushed so hard that the gain vanishes, 74.9% vs 74.8% source-only).
 */
export const digitsDann: PlanLoss = { ...dannLoss, hidden: [128], lambda: { kind: 'dann', max: 0.3, gamma: 10 } };

/** MNIST (8×8, 300 per class) → all optdigits; MLP 64→128→64, Adam 1e-3, 40 epochs. */
export function digitsPlan(losses: PlanLoss[], seed: number): TrainingPlan {
  const plan = moonsPlan({ losses, seed, epochs: 40 });
  plan.domains[0] = { ...plan.domains[0]!, dataset: { kind: 'builtin', id: 'mnist-8x8', options: { perClass: 300, seed: seed + 1 } }, width: 64, classes: 10, imageShape: [8, 8, 1] };
  plan.domains[1] = { ...plan.domains[1]!, dataset: { kind: 'builtin', id: 'optdigits', options: { seed: seed + 2 } }, width: 64, classes: 10, imageShape: [8, 8, 1], testFraction: 0.5 };
  plan.model.extractor = {
    ...plan.model.extractor,
    inputWidth: 64,
    imageShape: [8, 8, 1],
    layers: [
      { kind: 'dense', name: 'extractor/dense_0', units: 128, activation: 'relu', dropout: 0 },
      { kind: 'dense', name: 'extractor/dense_1', units: 64, activation: 'relu', dropout: 0 },
    ],
    outputWidth: 64,
  };
  plan.model.head = { kind: 'classifier', nodeId: 'head', nodeType: 'classifierHead', name: 'head', layers: [{ kind: 'dense', name: 'head/logits', units: 10, activation: 'linear', dropout: 0 }], classes: 10 };
  // The anchor's set-up: Adam 1e-3, constant (measured here: annealing it to ~2e-4 leaves DANN under-trained).
  plan.stages[0]!.optimizer = { kind: 'adam', learningRate: 0.001, schedule: { kind: 'constant' } };
  plan.stages[0]!.batchSize = 64;
  plan.evaluation.domainDistances = [];
  return plan;
}

/**
 * SpamAssassin spam-early → `target` ('spam-later': the mild shift; 'spam-hard': ham that looks like spam),
 * `count` labelled target messages, TrAdaBoost (logistic base learner, 20 rounds).
 */
function spamPlan(seed: number, sourceSize: number, target: 'spam-later' | 'spam-hard', count: number): TrainingPlan {
  const plan = moonsPlan({ seed, epochs: 20 });
  plan.domains[0] = { ...plan.domains[0]!, dataset: { kind: 'builtin', id: 'spam-early', options: { limit: sourceSize, seed: seed + 1 } }, width: 2000, classes: 2, imageShape: null };
  plan.domains[1] = { ...plan.domains[1]!, dataset: { kind: 'builtin', id: target, options: { limit: target === 'spam-hard' ? 500 : 1000, seed: seed + 2 } }, width: 2000, classes: 2, imageShape: null, labels: { count }, testFraction: 0.5 };
  plan.model.extractor = { ...plan.model.extractor, inputWidth: 2000, layers: [{ kind: 'dense', name: 'extractor/dense_0', units: 16, activation: 'relu', dropout: 0 }], outputWidth: 16 };
  plan.stages = [
    {
      ...plan.stages[0]!,
      nodeType: 'trAdaBoost',
      kind: 'boosting',
      labelledDomains: ['src', 'tgt'],
      losses: [{ kind: 'classification', weight: 1, domains: ['src', 'tgt'] }],
      optimizer: { kind: 'adam', learningRate: 0.01, schedule: { kind: 'constant' } },
      epochs: 10,
      batchSize: 128,
      boosting: { nodeId: 'boost', rounds: 20, baseLearner: 'logistic', betaRule: 'adapt', sourceDomain: 'src', targetDomain: 'tgt' },
    },
  ];
  plan.baselines = [{ kind: 'sourceOnly' }, { kind: 'sourcePlusTarget' }];
  plan.evaluation.domainDistances = [];
  return plan;
}

/** A gallery template compiled as the editor would, with the trainer's seed set (the figures in its description). */
export function templatePlan(id: string, seed: number): TrainingPlan {
  const doc = JSON.parse(readFileSync(new URL(`../templates/${id}.json`, import.meta.url), 'utf8')) as { nodes: { id: string; params: Record<string, unknown> }[] };
  doc.nodes.find((n) => n.id === 'trainer')!.params.seed = seed;
  const compiled = compileGraph(doc);
  if (!compiled.ok) throw new Error(`template ${id} does not compile: ${JSON.stringify(compiled.errors)}`);
  return compiled.plan;
}

/** One run of the plan over `SEEDS` (method and baselines share each seed), reported as a row. */
async function row(setting: string, method: string, anchor: string, plan: TrainingPlan): Promise<Row> {
  plan.evaluation.repeats = SEEDS;
  const r = await runPlan(plan, { onEvent: () => {} });
  const test = (k: keyof RunResult['models']) => r.models[k]?.splits.test?.accuracy ?? null;
  const gzsl = (k: 'method' | 'sourceOnly') => {
    const t = r.models[k]?.splits.test;
    return t?.seenAccuracy && t.unseenAccuracy && t.harmonicMean ? { seen: t.seenAccuracy.mean, unseen: t.unseenAccuracy.mean, H: t.harmonicMean.mean } : null;
  };
  const zeroShot = plan.model.head.kind === 'zeroShot' ? { method: gzsl('method'), sourceOnly: gzsl('sourceOnly') } : undefined;
  return { setting, method, backend: r.backend, seeds: r.seeds.length, methodAccuracy: test('method')!, sourceOnly: test('sourceOnly'), sourcePlusTarget: test('sourcePlusTarget'), gain: r.gain, verdict: r.verdict, anchor, ...(zeroShot ? { zeroShot } : {}) };
}

/** Runs every row, or only those whose method name is in `only` (e.g. ['DANN', 'DAN']). */
export async function methodsBench(onRow?: (row: Row) => void, only?: readonly string[]): Promise<{ rows: Row[]; parallel: ParallelTiming | null; transitive: TransitiveBench | null }> {
  const rows: Row[] = [];
  const want = (method: string) => !only || only.includes(method);
  const wantMoons = (method: string) => !only || only.includes(method) || only.includes('moons');
  const push = (row: Row) => {
    rows.push(row);
    onRow?.(row);
  };
  if (wantMoons('DANN')) push(await row('two moons, target rotated 30° (2×10 MLP)', 'DANN', 'source-only 0.84, DANN 0.94', moonsPlan({ losses: [dannLoss], seed: 0, ...stableDann })));
  // What a new user gets: each method built from the palette, every node at its defaults.
  for (const [id, method] of [['ddc', 'DDC'], ['dan', 'DAN'], ['dann', 'DANN']] as const) {
    if (wantMoons(method)) push(await row('palette defaults: two moons rotated 30°', method, 'must be positive (issue: defaults that work)', palettePlan(id)));
  }
  // The gallery's moons templates as shipped (their descriptions quote these figures).
  for (const [id, method] of [['ddc', 'DDC'], ['dan', 'DAN'], ['dann', 'DANN']] as const) {
    if (wantMoons(method)) push(await row(`template ${id}.json: two moons rotated 30°`, method, 'ADAPT (2×10 MLP): source-only 0.84, DANN 0.94', templatePlan(id, 0)));
  }
  if (want('DANN')) push(await row('MNIST → optdigits', 'DANN', 'source-only 71.4%, DANN 77.2%', digitsPlan([digitsDann], 0)));
  if (want('DAN')) push(await row('MNIST → optdigits', 'DAN', 'source-only 71.4%, DAN 77.4%', digitsPlan([danLoss], 0)));
  if (want('TrAdaBoost')) {
    push(await row('template tradaboost.json: earlier spam → hard ham, 10 labelled', 'TrAdaBoost', 'must beat source + target pooled', templatePlan('tradaboost', 0)));
    push(await row('SpamAssassin earlier → later, labelled target = 1% of source', 'TrAdaBoost', 'mild shift: ≈3% error without transfer', spamPlan(0, 2000, 'spam-later', 20)));
    push(await row('SpamAssassin early → hard ham, 30 labelled target', 'TrAdaBoost', 'error: source-only .377, source+target .144, TrAdaBoost .151', spamPlan(0, 3000, 'spam-hard', 30)));
  }
  if (want('zero-shot')) push(await row('template zero-shot.json: MNIST → optdigits, 3 and 8 unseen', 'zero-shot', 'unseen classes above chance (2 classes: 0.5)', templatePlan('zero-shot', 0)));
  // Transitive transfer (issue 9 item 12): the gradual template's chains against direct adaptation and source-only.
  const transitive = want('transitive') ? await transitiveBench(SEEDS) : null;
  const parallel = !only || only.includes('parallel') ? await parallelTiming(templatePlan('dann', 0)) : null;
  return { rows, parallel, transitive };
}

const fmt = (s: SeedStat | null) => (s ? `${s.mean.toFixed(3)} ± ${s.std.toFixed(3)}` : '—');
const pts = (v: number) => (v * 100).toFixed(1);

/** The table the closing note quotes: mean ± std over seeds, paired gain and its 95 % interval, verdict. */
export function printMethods(rows: readonly Row[]): void {
  console.table(
    rows.map((r) => ({
      setting: r.setting,
      method: r.method,
      seeds: r.seeds,
      method_acc: fmt(r.methodAccuracy),
      source_only: fmt(r.sourceOnly),
      source_plus_target: fmt(r.sourcePlusTarget),
      gain_pts: r.gain ? `${pts(r.gain.mean)} vs ${r.gain.baseline}` : '—',
      ci95_pts: r.gain?.ci95 ? `[${pts(r.gain.ci95[0])}, ${pts(r.gain.ci95[1])}]` : '—',
      verdict: r.verdict ?? '—',
      anchor: r.anchor,
    })),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { name } = await selectBackend();
  console.log(`TF.js backend: ${name}`);
  const only = process.argv.slice(2);
  const { rows, parallel, transitive } = await methodsBench((r) => console.log(JSON.stringify(r)), only.length > 0 ? only : undefined);
  printMethods(rows);
  if (transitive) printTransitive(transitive);
  if (parallel) console.log(JSON.stringify(parallel));
}
export {};
