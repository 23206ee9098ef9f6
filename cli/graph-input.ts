import { readFile, stat } from 'node:fs/promises';
import { limits } from '../formats/limits';
import { findInputProblem, jsonDepthExceeds } from '../formats/safe-text';
import type { TrainingPlan } from '../formats/training-plan';
import type { CompileContext } from '../server/compiler/compile-context';
import { compileGraph } from '../server/compiler/compile-graph';
import type { CompileIssue } from '../server/compiler/compile-issue';
import { describeErrors } from '../server/compiler/describe-plan';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * A graph file as both CLIs read it: at most limits.maxGraphBytes, nested at most limits.maxJsonDepth,
 * JSON data only, no NUL or unpaired surrogate. The value, or why not.
 */
export async function loadGraphFile(file: string): Promise<{ value: unknown } | string> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.size > limits.maxGraphBytes) return `the file is ${info.size} bytes; a graph may be at most ${limits.maxGraphBytes}`;
    text = await readFile(file, 'utf8');
  } catch (error) {
    return `cannot read it: ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
  if (jsonDepthExceeds(text)) return `nested more than ${limits.maxJsonDepth} levels deep; a graph never is`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not valid JSON: ${(error as Error).message}`;
  }
  const problem = findInputProblem(value);
  return problem ? `${problem.path || 'the document'}: ${problem.message}` : { value };
}

/** A file-level problem as an issue, so every failure prints in the one format. */
export function fileIssue(message: string, code = 'file', hint = 'Pass a graph JSON file.'): CompileIssue {
  return { code, severity: 'error', message, hint };
}

/** Prints a failure the way `npm run compile` does: the issue list on stderr, or JSON on stdout with --json. */
export function reportFailure(file: string, json: boolean, io: CliIo, errors: readonly CompileIssue[], warnings: readonly CompileIssue[] = []): void {
  if (json) io.out(JSON.stringify({ ok: false, errors, warnings, shapes: {} }, null, 2));
  else if (errors.length === 1 && errors[0]!.code === 'file') io.err(`${file}: ${errors[0]!.message}`);
  else io.err(`${file}: ${describeErrors(errors, warnings)}`);
}

/** Load + compile, reporting any failure; the plan, or undefined (exit 1). */
export async function compileGraphFile(
  file: string,
  json: boolean,
  io: CliIo,
  prepare?: (value: unknown) => Promise<CompileContext>,
): Promise<{ plan: TrainingPlan; warnings: readonly CompileIssue[] } | undefined> {
  const loaded = await loadGraphFile(file);
  if (typeof loaded === 'string') {
    reportFailure(file, json, io, [fileIssue(loaded)]);
    return undefined;
  }
  let ctx: CompileContext = {};
  try {
    if (prepare) ctx = await prepare(loaded.value);
  } catch (error) {
    reportFailure(file, json, io, [fileIssue(error instanceof Error ? error.message : String(error), 'data', 'Check the --data file and its options (label=…, ignore=…, header=no, delimiter=…).')]);
    return undefined;
  }
  const result = compileGraph(loaded.value, ctx);
  if (!result.ok) {
    reportFailure(file, json, io, result.errors, result.warnings);
    return undefined;
  }
  return { plan: result.plan, warnings: result.warnings };
}
