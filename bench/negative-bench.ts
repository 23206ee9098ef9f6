/** Issue 9 item 13: the negative-transfer template over seeds 0–4 (`npx tsx bench/negative-bench.ts`). */
import { pathToFileURL } from 'node:url';
import { runPlan } from '../server/runtime/run-plan';
import { templatePlan } from './methods-bench';

export async function negativeBench(seeds = 5) {
  const plan = templatePlan('negative-transfer', 0);
  plan.evaluation.repeats = seeds;
  plan.evaluation.domainDistances = [];
  const r = await runPlan(plan, { onEvent: () => {} });
  const acc = (k: keyof typeof r.models) => r.models[k]?.splits.test?.accuracy;
  return { method: acc('method'), sourceOnly: acc('sourceOnly'), targetOnly: acc('targetOnly'), sourcePlusTarget: acc('sourcePlusTarget'), gain: r.gain, verdict: r.verdict };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await negativeBench(Number(process.argv[2] ?? 5)), null, 1));
