import { UNLABELLED_TEST_TEXT, type ModelResult, type RunResult, type SeedStat } from '../formats/run-events';
import type { TrainingPlan } from '../formats/training-plan';

export const pct = (v: number | undefined) => (v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const stat = (s: SeedStat | undefined) => (s === undefined ? '—' : s.perSeed.length > 1 ? `${pct(s.mean)} ± ${(s.std * 100).toFixed(1)}` : pct(s.mean));
const pts = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}`;

const verdictText: Record<NonNullable<RunResult['verdict']>, string> = {
  positive: 'positive transfer (the 95% interval lies above 0)',
  negative: '⚠ NEGATIVE TRANSFER (the 95% interval lies below 0)',
  inconclusive: 'inconclusive (the 95% interval straddles 0)',
  'single-seed': 'one seed — no interval',
};

/** One model's figures; an unlabelled target's test columns say so instead of a number. */
function row(m: ModelResult, unlabelled: boolean) {
  const test = (s: SeedStat | undefined) => (unlabelled ? UNLABELLED_TEST_TEXT : stat(s));
  return {
    'test acc (target)': test(m.splits.test?.accuracy),
    'test macro-F1': test(m.splits.test?.macroF1),
    'source val acc': stat(m.splits.sourceValidation?.accuracy),
    'target val acc': stat(m.splits.targetValidation?.accuracy),
    'feature proxy A': m.featureDistance?.proxyA ? m.featureDistance.proxyA.mean.toFixed(3) : '—',
    steps: m.steps,
  };
}

/** The human-readable result: one row per model (mean ± std over seeds, per split), the gain and verdict. */
export function printSummary(plan: TrainingPlan, result: RunResult, warnings: readonly string[], backend: string): void {
  const names = new Map(plan.domains.map((d) => [d.nodeId, d.name]));
  console.log(`\n${plan.graphName} — ${plan.objective}`);
  console.log(`seeds ${result.seeds.join(', ')}; figures are mean ± std over seeds, each labelled with its split`);
  console.table(Object.fromEntries(Object.entries(result.models).map(([k, m]) => [k, row(m, result.testLabels === 'none')])));
  if (result.testLabels === 'none') console.log('target test: its rows carry no labels (an unlabelled target) — no accuracy, gain or verdict; see --predictions');
  const g = result.gain;
  if (g) {
    const ci = g.ci95 ? `, 95% t-interval [${pts(g.ci95[0])}, ${pts(g.ci95[1])}] points` : '';
    console.log(`gain vs ${g.baseline} (${g.chosenBy}) on the target test split: ${pts(g.mean)} points${ci}; per seed ${g.perSeed.map(pts).join(', ')}`);
  }
  if (result.verdict) console.log(`verdict: ${verdictText[result.verdict]}`);
  for (const a of result.advice) console.log(`advice: ${a.message}`);
  for (const d of result.distances.inputs) console.log(`inputs ${names.get(d.a)} ↔ ${names.get(d.b)}: MMD² ${d.mmd?.toFixed(4) ?? '—'}, proxy A ${d.proxyA?.toFixed(3) ?? '—'}`);
  if (result.distances.features) {
    const f = (m: ModelResult | undefined) => `MMD² ${m?.featureDistance?.mmd?.mean.toFixed(4) ?? '—'}, proxy A ${m?.featureDistance?.proxyA?.mean.toFixed(3) ?? '—'}`;
    console.log(`features after training: source-only ${f(result.models.sourceOnly)}; method ${f(result.models.method)}`);
  }
  console.log(`proxy A classifier: ${result.distances.proxyAClassifier.inputs}`);
  for (const w of warnings) console.log(`warning: ${w}`);
  for (const a of result.artifacts) console.log(`exported ${a.name}: ${a.path}`);
  console.log(`backend ${backend || result.backend}, ${(result.durationMs / 1000).toFixed(1)} s`);
}

/** The --json line: the run result itself (format 3, see docs/train-cli.md) plus the graph's name. */
export function jsonSummary(graph: string, result: RunResult) {
  return { graph, ...result };
}
