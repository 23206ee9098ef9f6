/**
 * Compile time of a large graph: a 500-node transitive chain (source → 492 rotated-moons intermediates →
 * target, one extractor, DANN, trainer, evaluate, export), compiled 60 times after a warm-up.
 * Pure TypeScript (no TF.js backend involved). Target: p50 < 50 ms.
 * Run: `npx tsx bench/compile-bench.ts` or `npm run bench -- compile`.
 */
import { pathToFileURL } from 'node:url';
import { GRAPH_VERSION, type GraphDocument } from '../formats/graph-document';
import { compileGraph } from '../server/compiler/compile-graph';

export interface CompileBenchResult {
  name: string;
  p50Ms: number;
  p95Ms: number;
  nodes: number;
  edges: number;
  runs: number;
  stages: number;
}

const INTERMEDIATES = 492;
const RUNS = 60;

export function chainGraph(intermediates = INTERMEDIATES): GraphDocument {
  const node = (id: string, type: string, params: Record<string, unknown>, x: number, y: number) => ({ id, type, typeVersion: 1, params, position: { x, y } });
  const edge = (source: string, sourcePort: string, target: string, targetPort: string) => ({ id: `${source}.${sourcePort}--${target}.${targetPort}`, source, sourcePort, target, targetPort });
  const moons = (rotation: number, seed: number) => ({ dataset: 'two-moons', options: { samples: 100, rotation, seed } });
  const steps = Array.from({ length: intermediates }, (_, i) => node(`step${i + 1}`, 'intermediateDomain', { ...moons((30 * (i + 1)) / (intermediates + 1), i + 3), order: i + 1 }, 0, (i + 1) * 120));
  const nodes = [
    node('source', 'sourceDomain', moons(0, 1), 0, 0),
    ...steps,
    node('target', 'targetDomain', moons(30, 2), 0, (intermediates + 1) * 120),
    node('extractor', 'mlpExtractor', { hidden: [10, 10] }, 300, 0),
    node('head', 'classifierHead', {}, 600, 0),
    node('dann', 'domainAdversarial', { hidden: [10] }, 600, 150),
    node('trainer', 'trainer', { epochs: 5 }, 900, 0),
    node('evaluate', 'evaluate', {}, 1200, 0),
    node('export', 'exportModel', { name: 'chain' }, 1200, 150),
  ];
  const edges = [
    ...['source', ...steps.map((s) => s.id), 'target'].map((id) => edge(id, 'data', 'extractor', 'domains')),
    edge('extractor', 'features', 'head', 'features'),
    edge('extractor', 'features', 'dann', 'features'),
    edge('head', 'model', 'trainer', 'model'),
    edge('dann', 'loss', 'trainer', 'losses'),
    edge('trainer', 'trained', 'evaluate', 'trained'),
    edge('trainer', 'trained', 'export', 'trained'),
  ];
  return { format: 'stepstone.graph', version: GRAPH_VERSION, name: 'bench: 500-node transitive chain', description: '', nodes, edges, comments: [], groups: [], sweeps: [], metadata: { tags: [] } };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export async function compileBench(): Promise<CompileBenchResult> {
  const graph = chainGraph();
  // The input is re-serialised each time, as a request body would be, so no run reuses another's objects.
  const text = JSON.stringify(graph);
  let stages = 0;
  for (let i = 0; i < 5; i++) compileGraph(JSON.parse(text));
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const input = JSON.parse(text) as unknown;
    const started = performance.now();
    const result = compileGraph(input);
    times.push(performance.now() - started);
    if (!result.ok) throw new Error(`bench graph does not compile: ${result.errors[0]?.message}`);
    stages = result.plan.stages.length;
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { name: 'compile 500-node transitive chain', p50Ms: round(percentile(times, 0.5)), p95Ms: round(percentile(times, 0.95)), nodes: graph.nodes.length, edges: graph.edges.length, runs: RUNS, stages };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await compileBench(), null, 2));
}
