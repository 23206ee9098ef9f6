import { backendNameSchema, type BackendName } from '../formats/run-events';
import type { GraphDocument } from '../formats/graph-document';
import { axisKey, type SweepAxis, type SweepValue } from '../formats/sweep';

export interface SweepArgs {
  readonly file: string;
  readonly json: boolean;
  /** Raw `nodeId.param=values` settings, resolved against the graph's node ids by `withSets`. */
  readonly sets: string[];
  readonly concurrency?: number;
  readonly repeats?: number;
  readonly backend?: BackendName;
}

export const SWEEP_USAGE = 'Usage: npm run sweep -- <graph.json> --set nodeId.param=v1,v2,v3 [--set …] [--json] [--concurrency N] [--repeats N] [--backend wasm]\n  values: a list (0.1,0.3,1), or a range lin:from:to:n / log:from:to:n';

function count(v: string | undefined, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new Error(`${flag} needs a whole number from 1 to 20, got "${v ?? ''}"`);
  return n;
}

export function parseSweepArgs(argv: readonly string[]): SweepArgs {
  const args: { file?: string; json: boolean; sets: string[]; concurrency?: number; repeats?: number; backend?: BackendName } = { json: false, sets: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--set') args.sets.push(argv[++i] ?? '');
    else if (a.startsWith('--set=')) args.sets.push(a.slice('--set='.length));
    else if (a === '--concurrency') args.concurrency = count(argv[++i], a);
    else if (a === '--repeats') args.repeats = count(argv[++i], a);
    else if (a === '--backend') args.backend = backendNameSchema.parse(argv[++i]);
    else if (a.startsWith('--')) throw new Error(`Unknown option ${a}\n${SWEEP_USAGE}`);
    else args.file = a;
  }
  if (!args.file) throw new Error(SWEEP_USAGE);
  return { ...args, file: args.file };
}

/** "0.1" → 0.1, "true" → true, anything else stays text (an enum choice). */
function value(text: string): SweepValue {
  if (text === 'true' || text === 'false') return text === 'true';
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

/** `values` of a --set: a comma list, or lin:from:to:n / log:from:to:n. */
function axisFor(nodeId: string, param: string, spec: string): SweepAxis {
  const range = /^(lin|log):([^:]+):([^:]+):(\d+)$/.exec(spec);
  if (range) return { nodeId, param, range: { from: Number(range[2]), to: Number(range[3]), n: Number(range[4]), scale: range[1] === 'log' ? 'log' : 'linear' } };
  const values = spec.split(',').map((s) => value(s.trim()));
  if (values.some((v) => v === '')) throw new Error(`--set ${nodeId}.${param}: an empty value in "${spec}"`);
  return { nodeId, param, values };
}

/**
 * The graph with each --set added to its sweeps (replacing a sweep of the same param). Node ids may contain
 * dots, so `a.b.c=…` is split after the longest node id of the graph that prefixes it.
 */
export function withSets(doc: GraphDocument, sets: readonly string[]): GraphDocument {
  const sweeps = [...doc.sweeps];
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq < 0) throw new Error(`--set "${set}": expected nodeId.param=values`);
    const target = set.slice(0, eq);
    const node = doc.nodes
      .map((n) => n.id)
      .filter((id) => target.startsWith(`${id}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (!node) throw new Error(`--set "${set}": no node of the graph is named by "${target}" (nodes: ${doc.nodes.map((n) => n.id).join(', ')})`);
    const axis = axisFor(node, target.slice(node.length + 1), set.slice(eq + 1));
    const at = sweeps.findIndex((a) => axisKey(a) === axisKey(axis));
    if (at >= 0) sweeps[at] = axis;
    else sweeps.push(axis);
  }
  return { ...doc, sweeps };
}
