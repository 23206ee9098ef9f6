/**
 * Issue 9 item 12: the gradual template (moons 0° → 60° through 10° steps, self-training hop by hop) against
 * direct self-training (the same graph without the intermediates) and source-only, on the same target rows per
 * seed. Runnable: `npx tsx bench/gradual-bench.ts [seeds]`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { TrainingPlan } from '../formats/training-plan';
import { compileGraph } from '../server/compiler/compile-graph';
import { runPlan } from '../server/runtime/run-plan';
import { pairedDifferences, seedStat, tInterval95 } from '../server/runtime/report/seed-stats';

function gradualPlan(direct: boolean, seeds: number): TrainingPlan {
  const doc = JSON.parse(readFileSync(new URL('../templates/gradual.json', import.meta.url), 'utf8')) as { nodes: { id: string; type: string }[]; edges: { source: string }[] };
  if (direct) {
    doc.nodes = doc.nodes.filter((n) => n.type !== 'intermediateDomain');
    doc.edges = doc.edges.filter((e) => !e.source.startsWith('step'));
  }
  const compiled = compileGraph(doc);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  compiled.plan.evaluation.repeats = seeds;
  compiled.plan.evaluation.domainDistances = [];
  return compiled.plan;
}

export async function gradualBench(seeds = 5) {
  const chain = await runPlan(gradualPlan(false, seeds), { onEvent: () => {} });
  const direct = await runPlan(gradualPlan(true, seeds), { onEvent: () => {} });
  const per = (r: typeof chain, k: 'method' | 'sourceOnly') => r.models[k]!.splits.test!.accuracy.perSeed;
  const diff = pairedDifferences(per(chain, 'method'), per(direct, 'method'));
  return {
    chain: chain.models.method.splits.test!.accuracy,
    direct: direct.models.method.splits.test!.accuracy,
    sourceOnly: chain.models.sourceOnly!.splits.test!.accuracy,
    chainVsDirect: { ...seedStat(diff), ci95: tInterval95(diff) },
    chainVsSourceOnly: chain.gain,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await gradualBench(Number(process.argv[2] ?? 5)), null, 1));
