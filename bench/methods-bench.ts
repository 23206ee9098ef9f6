/**
 * Method accuracy against its no-transfer baseline on the brief's anchors (section 3), on the TF.js backend the
 * process selects (printed). Runnable directly: `npx tsx bench/methods-bench.ts [DANN|DAN|DDC|TrAdaBoost|moons ...]`
 * (STEPSTONE_BACKEND to force a backend; `moons`: only the two-moons rows, including the gallery's templates as a user runs them).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { PlanLoss, TrainingPlan } from '../formats/training-plan';
import { compileGraph } from '../server/compiler/compile-graph';
import { selectBackend } from '../server/runtime/backend/select-backend';
import { runPlan } from '../server/runtime/run-plan';
import { dannLoss, moonsPlan, stableDann } from '../server/runtime/test-support/moons-plan';

export interface Row {
  readonly setting: string;
  readonly method: string;
  readonly backend: string;
  readonly seeds: number;
  readonly methodAccuracy: number;
  readonly sourceOnly: number;
  readonly sourcePlusTarget: number | null;
  readonly anchor: string;
}

const danLoss: PlanLoss = { kind: 'mmd', nodeId: 'dan', variant: 'dan', layers: ['extractor/dense_0', 'extractor/dense_1'], weight: 1, estimator: 'unbiased', alphas: [0.125, 0.25, 0.5, 1, 2] };

/**
 * DANN on digits: a wider domain classifier and λ_p ramped to 0.3, not 1 (measured here, 3 seeds: with λ → 1
 * the 64-unit features are pushed so hard that the gain vanishes, 74.9% vs 74.8% source-only).
 */
const digitsDann: PlanLoss = { ...dannLoss, hidden: [128], lambda: { kind: 'dann', max: 0.3, gamma: 10 } };

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
  plan.model.head = { kind: 'classifier', nodeId: 'head', name: 'head', layers: [{ kind: 'dense', name: 'head/logits', units: 10, activation: 'linear', dropout: 0 }], classes: 10 };
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
      kind: 'boosting',
      labelledDomains: ['src', 'tgt'],
      losses: [{ kind: 'classification', weight: 1, domains: ['src', 'tgt'] }],
      optimizer: { kind: 'adam', learningRate: 0.01, schedule: { kind: 'constant' } },
      epochs: 10,
      batchSize: 128,
      boosting: { nodeId: 'boost', rounds: 20, baseLearner: 'logistic', sourceDomain: 'src', targetDomain: 'tgt' },
    },
  ];
  plan.baselines = [{ kind: 'sourceOnly' }, { kind: 'sourcePlusTarget' }];
  plan.evaluation.domainDistances = [];
  return plan;
}

/** A gallery template compiled as the editor would, with the trainer's seed set (the figures in its description). */
function templatePlan(id: string, seed: number): TrainingPlan {
  const doc = JSON.parse(readFileSync(new URL(`../templates/${id}.json`, import.meta.url), 'utf8')) as { nodes: { id: string; params: Record<string, unknown> }[] };
  doc.nodes.find((n) => n.id === 'trainer')!.params.seed = seed;
  const compiled = compileGraph(doc);
  if (!compiled.ok) throw new Error(`template ${id} does not compile: ${JSON.stringify(compiled.errors)}`);
  return compiled.plan;
}

async function average(setting: string, method: string, anchor: string, plans: TrainingPlan[]): Promise<Row> {
  let m = 0;
  let s = 0;
  let st = 0;
  let hasSt = false;
  let backend = '';
  for (const p of plans) {
    const r = await runPlan(p, { onEvent: () => {} });
    backend = r.backend;
    m += r.method.accuracy;
    s += r.baselines.sourceOnly?.accuracy ?? 0;
    if (r.baselines.sourcePlusTarget) {
      hasSt = true;
      st += r.baselines.sourcePlusTarget.accuracy;
    }
  }
  const n = plans.length;
  return { setting, method, backend, seeds: n, methodAccuracy: m / n, sourceOnly: s / n, sourcePlusTarget: hasSt ? st / n : null, anchor };
}

/** Runs every row, or only those whose method name is in `only` (e.g. ['DANN', 'DAN']). */
export async function methodsBench(onRow?: (row: Row) => void, only?: readonly string[]): Promise<Row[]> {
  const seeds = [0, 1, 2];
  const rows: Row[] = [];
  const want = (method: string) => !only || only.includes(method);
  const wantMoons = (method: string) => !only || only.includes(method) || only.includes('moons');
  const push = (row: Row) => {
    rows.push(row);
    onRow?.(row);
  };
  if (wantMoons('DANN')) push(await average('two moons, target rotated 30°', 'DANN', 'source-only 0.84, DANN 0.94', seeds.map((seed) => moonsPlan({ losses: [dannLoss], seed, ...stableDann }))));
  // The gallery's moons templates as shipped, trainer seeds 0–4 (their descriptions quote these figures).
  for (const [id, method] of [['ddc', 'DDC'], ['dan', 'DAN'], ['dann', 'DANN']] as const) {
    if (wantMoons(method)) {
      push(await average(`template ${id}.json: two moons rotated 30°`, method, 'ADAPT (2×10 MLP): source-only 0.84, DANN 0.94', [0, 1, 2, 3, 4].map((seed) => templatePlan(id, seed))));
    }
  }
  if (want('DANN')) push(await average('MNIST → optdigits', 'DANN', 'source-only 71.4%, DANN 77.2%', seeds.map((seed) => digitsPlan([digitsDann], seed))));
  if (want('DAN')) push(await average('MNIST → optdigits', 'DAN', 'source-only 71.4%, DAN 77.4%', seeds.map((seed) => digitsPlan([danLoss], seed))));
  if (want('TrAdaBoost')) {
    push(await average('SpamAssassin earlier → later, labelled target = 1% of source', 'TrAdaBoost', 'mild shift: ≈3% error without transfer', seeds.map((seed) => spamPlan(seed, 2000, 'spam-later', 20))));
    push(
      await average('SpamAssassin early → hard ham, 30 labelled target', 'TrAdaBoost', 'error: source-only .377, source+target .144, TrAdaBoost .151', seeds.map((seed) => spamPlan(seed, 3000, 'spam-hard', 30))),
    );
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { name } = await selectBackend();
  console.log(`TF.js backend: ${name}`);
  const only = process.argv.slice(2);
  const rows = await methodsBench((r) => console.log(JSON.stringify(r)), only.length > 0 ? only : undefined);
  console.table(
    rows.map((r) => ({
      setting: r.setting,
      method: r.method,
      backend: r.backend,
      seeds: r.seeds,
      method_acc: r.methodAccuracy.toFixed(3),
      source_only: r.sourceOnly.toFixed(3),
      source_plus_target: r.sourcePlusTarget?.toFixed(3) ?? '—',
      anchor: r.anchor,
    })),
  );
}
