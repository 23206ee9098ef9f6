import { migrateGraph, type MigrationError } from '../../formats/migrate-graph';
import type { TrainingPlan } from '../../formats/training-plan';
import { buildExtractor } from './build-extractor';
import { buildHead } from './build-head';
import { buildPlan } from './build-plan';
import { checkParams } from './check-params';
import { checkSemantics } from './check-semantics';
import { checkWiring } from './check-wiring';
import type { CompileContext } from './compile-context';
import { IssueSink, type CompileIssue } from './compile-issue';
import { findCycles } from './find-cycles';
import { findPipeline } from './find-pipeline';
import { propagateShapes, type NodeShape } from './propagate-shapes';
import { resolveDomains } from './resolve-domains';

export type Shapes = Record<string, NodeShape>;

export type CompileResult =
  | { ok: true; plan: TrainingPlan; warnings: CompileIssue[]; shapes: Shapes; migratedFrom: number | null }
  | { ok: false; errors: CompileIssue[]; warnings: CompileIssue[]; shapes: Shapes };

export type ValidateResult = { ok: boolean; errors: CompileIssue[]; warnings: CompileIssue[]; shapes: Shapes };

/**
 * Graph document (any version, untrusted) → TrainingPlan, or every error found. Pure: reads nothing but its
 * arguments, evaluates nothing from the graph, and never throws.
 */
export function compileGraph(input: unknown, ctx: CompileContext = {}): CompileResult {
  try {
    return run(input, ctx);
  } catch (cause) {
    // A bug, not the user's fault; still an answer rather than a crash.
    const message = cause instanceof Error ? cause.message : 'unknown failure';
    return { ok: false, errors: [{ code: 'internal', severity: 'error', message: `The compiler failed: ${message.slice(0, 200)}`, hint: 'Please report this graph.' }], warnings: [], shapes: {} };
  }
}

/** The same checks as compileGraph, without returning a plan. */
export function validateGraph(input: unknown, ctx: CompileContext = {}): ValidateResult {
  const result = compileGraph(input, ctx);
  return { ok: result.ok, errors: result.ok ? [] : result.errors, warnings: result.warnings, shapes: result.shapes };
}

function run(input: unknown, ctx: CompileContext): CompileResult {
  const migrated = migrateGraph(input);
  if (!migrated.ok) return { ok: false, errors: migrated.errors.map((e) => schemaIssue(e, input)), warnings: [], shapes: {} };
  const document = migrated.document;
  const sink = new IssueSink();
  const index = checkWiring(document, sink);
  findCycles(index, sink);
  checkParams(index, sink);
  const domains = resolveDomains(index, ctx, sink);
  const pipeline = findPipeline(index, sink);
  const extractor = pipeline.extractor ? buildExtractor(index, domains, pipeline.extractor, sink, ctx) : null;
  const head = pipeline.head ? buildHead(pipeline.head, domains, sink) : null;
  checkSemantics(index, domains, pipeline, extractor, sink);
  const shapes = propagateShapes(index, domains, pipeline, extractor, head);
  const { source, target } = domains;
  const trainer = pipeline.trainer;
  if (sink.hasErrors || !source || !target || !trainer || !extractor || !head) {
    if (!sink.hasErrors) sink.error('incomplete', 'The graph is missing a part the plan needs.', 'Check that every node is connected.');
    return { ok: false, errors: sink.errors, warnings: sink.warnings, shapes };
  }
  // Built from parts that passed their checks and typed against the plan schema; the fuzz tests parse
  // thousands of compiled plans with trainingPlanSchema, so it is not re-parsed here (a third of the time).
  const plan = buildPlan({ document, domains: { ...domains, source, target }, pipeline: { ...pipeline, trainer }, extractor, head });
  return { ok: true, plan, warnings: sink.warnings, shapes, migratedFrom: migrated.migratedFrom };
}

/** A document-level error, attached to the node or edge its path points into when there is one. */
function schemaIssue(error: MigrationError, input: unknown): CompileIssue {
  const [list, position, ...rest] = error.path.split('.');
  const item = (list === 'nodes' || list === 'edges') && position !== undefined ? pick(input, list, Number(position)) : undefined;
  const id = typeof item?.id === 'string' ? item.id.slice(0, 64) : undefined;
  const at = list === 'nodes' ? { nodeId: id } : list === 'edges' ? { edgeId: id } : {};
  return {
    code: 'schema',
    severity: 'error',
    message: `${error.path}: ${error.message}`,
    hint: 'The document does not follow the graph format; fix this field or re-export it from the editor.',
    field: rest.length > 0 ? rest.join('.') : error.path,
    ...Object.fromEntries(Object.entries(at).filter(([, v]) => v !== undefined)),
  };
}

function pick(input: unknown, list: string, position: number): Record<string, unknown> | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const arr = (input as Record<string, unknown>)[list];
  const item = Array.isArray(arr) ? arr[position] : undefined;
  return typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : undefined;
}
