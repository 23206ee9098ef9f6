/**
 * Issue 9 item 12: the gradual template (rotating moons, hop by hop) as a chain of self-training stages and of
 * DANN stages, against the same two methods without the intermediates (direct adaptation) and source-only, on the
 * same target test rows per seed (the target's split does not depend on the chain). Paired per-seed differences
 * with 95 % t-intervals. Runnable: `npx tsx bench/transitive-bench.ts [seeds] [graph.json]`, or `npm run bench -- methods`
 * (the `transitive` rows).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { SeedStat } from '../formats/run-events';
import type { TrainingPlan } from '../formats/training-plan';
import { compileGraph } from '../server/compiler/compile-graph';
import { runPlan } from '../server/runtime/run-plan';
import { pairedDifferences, seedStat, tInterval95 } from '../server/runtime/report/seed-stats';

type Doc = { nodes: { id: string; type: string; params: Record<string, unknown> }[]; edges: { id: string; source: string; target: string }[] };
type Variant = { chain: boolean; method: 'selfTraining' | 'dann' };

/** DANN as the transitive template sets it (λ_p ramped to 1), with a domain classifier as wide as the extractor. */
const DANN_PARAMS = { hidden: [32], lambdaSchedule: 'dann', lambdaMax: 1, gamma: 10 };

/** The gradual template, without its intermediates (direct) and/or with DANN in place of self-training. */
export function gradualVariant({ chain, method }: Variant, seeds: number, template: URL | string = new URL('../templates/gradual.json', import.meta.url)): TrainingPlan {
  const doc = JSON.parse(readFileSync(template, 'utf8')) as Doc;
  if (!chain) {
    doc.nodes = doc.nodes.filter((n) => n.type !== 'intermediateDomain');
    doc.edges = doc.edges.filter((e) => doc.nodes.some((n) => n.id === e.source));
  }
  if (method === 'dann') {
    const node = doc.nodes.find((n) => n.type === 'selfTraining')!;
    Object.assign(node, { type: 'domainAdversarial', typeVersion: 3, params: DANN_PARAMS });
  }
  const compiled = compileGraph(doc);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  compiled.plan.evaluation.repeats = seeds;
  compiled.plan.evaluation.domainDistances = [];
  compiled.plan.evaluation.featureProjection = 'none';
  return compiled.plan;
}

export interface TransitiveBench {
  readonly models: Record<'gradualSelfTraining' | 'directSelfTraining' | 'hopwiseDann' | 'directDann' | 'sourceOnly', SeedStat>;
  /** Paired per-seed differences (accuracy points as fractions) with their 95 % t-intervals. */
  readonly paired: Record<string, SeedStat & { ci95: [number, number] | null }>;
}

/** @param template another gradual graph file (e.g. an earlier version of the template, for before/after figures) */
export async function transitiveBench(seeds = 5, template?: string): Promise<TransitiveBench> {
  const test = async (v: Variant) => {
    const r = await runPlan(gradualVariant(v, seeds, template), { onEvent: () => {} });
    return { method: r.models.method.splits.test!.accuracy, sourceOnly: r.models.sourceOnly!.splits.test!.accuracy };
  };
  const gradual = await test({ chain: true, method: 'selfTraining' });
  const direct = await test({ chain: false, method: 'selfTraining' });
  const hopwise = await test({ chain: true, method: 'dann' });
  const directDann = await test({ chain: false, method: 'dann' });
  const pair = (a: SeedStat, b: SeedStat) => {
    const diff = pairedDifferences(a.perSeed, b.perSeed);
    return { ...seedStat(diff), ci95: tInterval95(diff) };
  };
  return {
    models: { gradualSelfTraining: gradual.method, directSelfTraining: direct.method, hopwiseDann: hopwise.method, directDann: directDann.method, sourceOnly: gradual.sourceOnly },
    paired: {
      'gradual − direct self-training': pair(gradual.method, direct.method),
      'gradual − direct DANN': pair(gradual.method, directDann.method),
      'hop-wise DANN − direct DANN': pair(hopwise.method, directDann.method),
      'gradual − source-only': pair(gradual.method, gradual.sourceOnly),
    },
  };
}

const pts = (v: number) => (v * 100).toFixed(1);

/** The table the closing note quotes. */
export function printTransitive(b: TransitiveBench): void {
  console.table(Object.entries(b.models).map(([model, s]) => ({ model, accuracy: `${s.mean.toFixed(3)} ± ${s.std.toFixed(3)}`, perSeed: s.perSeed.map((v) => v.toFixed(3)).join(' ') })));
  console.table(Object.entries(b.paired).map(([pair, s]) => ({ pair, points: pts(s.mean), ci95: s.ci95 ? `[${pts(s.ci95[0])}, ${pts(s.ci95[1])}]` : '—' })));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const b = await transitiveBench(Number(process.argv[2] ?? 5), process.argv[3]);
  console.log(JSON.stringify(b));
  printTransitive(b);
}
