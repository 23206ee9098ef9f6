/**
 * Model selection without target labels: sweeps of DANN on rotated moons (λ × learning rate, 12 members, 3 seeds)
 * and MNIST→optdigits (λ, 4 members), each member trained with its validators; per validator, the member it picks,
 * the test accuracy lost against the oracle (the best member on the target test split) and its Spearman rank
 * correlation with test accuracy. Runnable directly: `npx tsx bench/selection-bench.ts [moons|digits]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PlanLoss, TrainingPlan } from '../formats/training-plan';
import { validatorInfo, validatorNames } from '../formats/validators';
import { selectBackend } from '../server/runtime/backend/select-backend';
import { runPlan } from '../server/runtime/run-plan';
import { dannLoss, moonsPlan, stableDann } from '../server/runtime/test-support/moons-plan';
import { summariseSweep, type MemberOutcome, type SweepSummary } from '../server/sweeps/summarise-sweep';
import { digitsDann, digitsPlan } from './methods-bench';

export interface SelectionCase {
  readonly name: string;
  readonly seeds: number;
  readonly members: { values: Record<string, number>; plan: TrainingPlan }[];
}

function moonsCase(): SelectionCase {
  const members = [0.1, 0.3, 1, 3].flatMap((lambda) =>
    [0.001, 0.01, 0.03].map((lr) => {
      const plan = moonsPlan({ ...stableDann, learningRate: lr, losses: [{ ...dannLoss, lambda: { kind: 'dann', max: lambda, gamma: 10 } }] });
      plan.evaluation = { ...plan.evaluation, repeats: 3, domainDistances: [], featureProjection: 'none' };
      return { values: { 'dann.lambdaMax': lambda, 'trainer.learningRate': lr }, plan };
    }),
  );
  return { name: 'rotated moons (30°), DANN λ × learning rate', seeds: 3, members };
}

function digitsCase(): SelectionCase {
  const members = [0.03, 0.1, 0.3, 1].map((lambda) => {
    const dann = digitsDann as Extract<PlanLoss, { kind: 'domainAdversarial' }>;
    const plan = digitsPlan([{ ...dann, lambda: { kind: 'dann', max: lambda, gamma: 10 } }], 0);
    plan.evaluation = { ...plan.evaluation, repeats: 1, featureProjection: 'none' };
    return { values: { 'dann.lambdaMax': lambda }, plan };
  });
  return { name: 'MNIST → optdigits, DANN λ', seeds: 1, members };
}

export interface SelectionRow {
  readonly validator: string;
  readonly pick: number;
  /** Test accuracy of the pick and of the oracle (means over seeds). */
  readonly pickAccuracy: number;
  readonly oracleAccuracy: number;
  readonly lostPoints: number;
  readonly rankCorrelation: number | null;
}

async function runCase(c: SelectionCase, cacheDir: string): Promise<{ summary: SweepSummary; rows: SelectionRow[]; seconds: number }> {
  const t0 = performance.now();
  const outcomes: MemberOutcome[] = [];
  for (const [index, m] of c.members.entries()) {
    // Marked as sweep members: baselines identical across members (same learning rate) train once.
    const result = await runPlan({ ...m.plan, sweepMember: { index, values: m.values } }, { baselineCacheDir: cacheDir, onEvent: () => undefined });
    outcomes.push({ index, values: m.values, status: 'succeeded', result });
    console.error(`  ${c.name}: member ${index + 1}/${c.members.length} ${JSON.stringify(m.values)} test ${(result.models.method.splits.test!.accuracy.mean * 100).toFixed(1)}%`);
  }
  const summary = summariseSweep(outcomes);
  const acc = (i: number) => summary.members[i]!.test!.accuracy.mean;
  const rows = validatorNames.flatMap((v) => {
    const pick = summary.picks[v];
    if (pick === undefined || summary.oracle === null) return [];
    return [{ validator: validatorInfo[v].label, pick, pickAccuracy: acc(pick), oracleAccuracy: acc(summary.oracle), lostPoints: (acc(summary.oracle) - acc(pick)) * 100, rankCorrelation: summary.rankCorrelation[v] ?? null }];
  });
  return { summary, rows, seconds: (performance.now() - t0) / 1000 };
}

export function printSelection(name: string, rows: readonly SelectionRow[]): void {
  console.log(`\n${name}`);
  console.log('| validator | pick | pick test acc | oracle test acc | points lost | Spearman ρ |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.validator} | ${r.pick + 1} | ${(r.pickAccuracy * 100).toFixed(1)}% | ${(r.oracleAccuracy * 100).toFixed(1)}% | ${r.lostPoints.toFixed(1)} | ${r.rankCorrelation === null ? '—' : r.rankCorrelation.toFixed(2)} |`);
}

export async function selectionBench(which: readonly string[] = []) {
  const { name: backend } = await selectBackend();
  const cases = [moonsCase(), digitsCase()].filter((c) => which.length === 0 || which.some((w) => c.name.toLowerCase().includes(w.toLowerCase())));
  const cacheDir = await mkdtemp(path.join(tmpdir(), 'stepstone-selection-'));
  const out = [];
  try {
    for (const c of cases) {
      const r = await runCase(c, cacheDir);
      printSelection(`${c.name} — ${c.members.length} members, ${c.seeds} seed(s), backend ${backend}, ${r.seconds.toFixed(0)} s`, r.rows);
      out.push({ case: c.name, seeds: c.seeds, members: r.summary.members.map((m) => ({ values: m.values, validators: m.validators, test: m.test?.accuracy.mean })), rows: r.rows, seconds: r.seconds });
    }
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
  return { backend, cases: out };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await selectionBench(process.argv.slice(2));
  console.log(JSON.stringify(r, null, 2));
}
