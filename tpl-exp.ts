import { readFileSync } from 'node:fs';
import { compileGraph } from '/work/wt9a/server/compiler/compile-graph';
import { selectBackend } from '/work/wt9a/server/runtime/backend/select-backend';
import { runPlan } from '/work/wt9a/server/runtime/run-plan';
import { paletteGraph } from '/work/wt9a/server/runtime/test-support/palette-graph';
await selectBackend('wasm');
const configs: [string, string, Record<string, Record<string, unknown>>][] = JSON.parse(process.argv[2]!);
for (const [label, id, over] of configs) {
  const doc = id.startsWith('palette:') ? JSON.parse(JSON.stringify(paletteGraph(id.slice(8) as 'dan'))) : JSON.parse(readFileSync(`/work/wt9a/templates/${id}.json`, 'utf8'));
  for (const [nid, p] of Object.entries(over)) { const n = doc.nodes.find((x: any) => x.id === nid); n.params = { ...n.params, ...p }; if (n.type === 'mmdAdaptation') n.typeVersion = 4; }
  const c = compileGraph(doc); if (!c.ok) { console.log(label, JSON.stringify(c.errors)); continue; }
  c.plan.evaluation.repeats = 5; c.plan.evaluation.domainDistances = []; c.plan.evaluation.featureProjection = 'none';
  const t0 = Date.now();
  const r = await runPlan(c.plan, { backend: 'wasm', onEvent: () => {} });
  const a = r.models.method.splits.test!.accuracy, so = r.models.sourceOnly!.splits.test!.accuracy;
  console.log(label, `method ${a.mean.toFixed(3)} ± ${a.std.toFixed(3)}`, `so ${so.mean.toFixed(3)} ± ${so.std.toFixed(3)}`, `gain ${(r.gain!.mean*100).toFixed(1)} [${(r.gain!.ci95![0]*100).toFixed(1)}, ${(r.gain!.ci95![1]*100).toFixed(1)}]`, `${((Date.now()-t0)/1000).toFixed(0)}s`);
}
