import { migrateGraph } from '../../formats/migrate-graph';
import type { GraphDocument } from '../../formats/graph-document';
import { axisKey, axisValues, MAX_SWEEP_MEMBERS, type SweepAxis, type SweepValue } from '../../formats/sweep';
import type { TrainingPlan } from '../../formats/training-plan';
import { getNodeDefinition } from '../../nodes/registry';
import { compileGraph } from '../compiler/compile-graph';
import type { CompileContext } from '../compiler/compile-context';
import { IssueSink, type CompileIssue } from '../compiler/compile-issue';
import { readPath, writePath } from './param-path';

/** One combination of swept values: its graph (sweeps removed) and plan. */
export interface SweepMember {
  readonly index: number;
  /** "nodeId.param" → value. */
  readonly values: Record<string, SweepValue>;
  readonly plan: TrainingPlan;
}

export interface SweepAxisValues {
  readonly key: string;
  readonly nodeId: string;
  readonly param: string;
  readonly values: SweepValue[];
}

export type CompileSweepResult =
  | { ok: true; document: GraphDocument; axes: SweepAxisValues[]; members: SweepMember[]; warnings: CompileIssue[] }
  | { ok: false; errors: CompileIssue[]; warnings: CompileIssue[] };

/** Whether a param's current value can be swept: a number, an enum choice (string) or a flag. */
const sweepable = (v: unknown): boolean => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

/** Checks each axis against the graph: the node exists, the param path leads to a number, enum or flag. */
function checkAxes(doc: GraphDocument, sink: IssueSink): SweepAxisValues[] {
  const seen = new Set<string>();
  return doc.sweeps.flatMap((axis: SweepAxis) => {
    const at = { nodeId: axis.nodeId, field: axis.param };
    const node = doc.nodes.find((n) => n.id === axis.nodeId);
    const def = node && getNodeDefinition(node.type);
    if (!node || !def) {
      sink.error('sweepUnknownNode', `A sweep refers to node "${axis.nodeId}", which is not in the graph.`, 'Remove the sweep or restore the node.', at);
      return [];
    }
    const parsed = def.params.safeParse(node.params);
    const current = readPath(parsed.success ? parsed.data : node.params, axis.param);
    if (!sweepable(current)) {
      const why = current === undefined ? 'has no such param' : 'has it, but it is not a number, choice or flag';
      sink.error('sweepParam', `${def.title} "${node.id}" ${why}: ${axis.param}.`, 'Sweep a numeric or enum param, by dotted path for nested ones (options.rotation, hidden.1).', at);
      return [];
    }
    if (seen.has(axisKey(axis))) sink.error('sweepDuplicate', `${axisKey(axis)} is swept twice.`, 'Keep one sweep per param.', at);
    seen.add(axisKey(axis));
    return [{ key: axisKey(axis), nodeId: axis.nodeId, param: axis.param, values: axisValues(axis) }];
  });
}

/** Every combination of the axes' values, the first axis varying slowest. */
export function combinations(axes: readonly SweepAxisValues[]): Record<string, SweepValue>[] {
  return axes.reduce<Record<string, SweepValue>[]>((acc, axis) => acc.flatMap((c) => axis.values.map((v) => ({ ...c, [axis.key]: v }))), [{}]);
}

/** The member's graph: the swept values written into their nodes' params, no sweeps left. */
export function memberDocument(doc: GraphDocument, axes: readonly SweepAxisValues[], values: Record<string, SweepValue>): GraphDocument {
  let nodes = doc.nodes;
  for (const axis of axes) {
    nodes = nodes.map((n) => (n.id === axis.nodeId ? { ...n, params: writePath(n.params, axis.param, values[axis.key]!) } : n));
  }
  return { ...doc, nodes, sweeps: [] };
}

const describeValues = (values: Record<string, SweepValue>) =>
  Object.entries(values)
    .map(([k, v]) => `${k} = ${String(v)}`)
    .join(', ');

/**
 * A graph with sweeps → one plan per combination of swept values, each compiled and checked like any graph.
 * Refuses a sweep of more than MAX_SWEEP_MEMBERS members before compiling any. Pure and never throws.
 */
export function compileSweep(input: unknown, ctx: CompileContext = {}): CompileSweepResult {
  const base = compileGraph(input, ctx);
  if (!base.ok) return { ok: false, errors: base.errors, warnings: base.warnings };
  const migrated = migrateGraph(input);
  if (!migrated.ok) return { ok: false, errors: [], warnings: base.warnings };
  const doc = migrated.document;
  const sink = new IssueSink();
  if (doc.sweeps.length === 0) sink.error('noSweep', 'The graph sweeps no parameter.', 'Mark a parameter as swept in the inspector (a list or a range of values).');
  const axes = checkAxes(doc, sink);
  const count = axes.reduce((n, a) => n * a.values.length, 1);
  if (count > MAX_SWEEP_MEMBERS) {
    sink.error('sweepTooLarge', `The sweep has ${count} members (${axes.map((a) => `${a.key}: ${a.values.length}`).join(' × ')}); at most ${MAX_SWEEP_MEMBERS} are allowed.`, 'Sweep fewer values, or fewer parameters at once.', { nodeId: axes[0]?.nodeId, field: axes[0]?.param });
  }
  if (sink.hasErrors) return { ok: false, errors: sink.errors, warnings: base.warnings };
  const members: SweepMember[] = [];
  combinations(axes).forEach((values, index) => {
    const compiled = compileGraph(memberDocument(doc, axes, values), ctx);
    if (compiled.ok) members.push({ index, values, plan: { ...compiled.plan, sweepMember: { index, values } } });
    else for (const e of compiled.errors) sink.error(e.code, `Sweep member ${index + 1} (${describeValues(values)}): ${e.message}`, e.hint, { nodeId: e.nodeId, edgeId: e.edgeId, field: e.field });
  });
  if (sink.hasErrors) return { ok: false, errors: sink.errors, warnings: base.warnings };
  return { ok: true, document: doc, axes, members, warnings: base.warnings };
}
