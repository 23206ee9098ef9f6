import { migrateGraph } from '../../formats/migrate-graph';
import type { GraphDocument } from '../../formats/graph-document';
import { limits } from '../../formats/limits';
import { findInputProblem, jsonDepthExceeds } from '../../formats/safe-text';

export interface GraphFileIssue {
  readonly message: string;
  /** Dotted path into the document (schema problems). */
  readonly path?: string;
  /** 1-based position in the text (JSON syntax problems). */
  readonly line?: number;
  readonly column?: number;
}

/** An imported graph file that cannot be read; `issues` says where and why. */
export class GraphFileError extends Error {
  constructor(
    message: string,
    readonly issues: readonly GraphFileIssue[],
  ) {
    super(message);
    this.name = 'GraphFileError';
  }
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

/**
 * An uploaded graph file (untrusted text) → a current-version GraphDocument. Bounded in size, parsed as
 * JSON data only, migrated from older versions, validated by the schema. Throws GraphFileError.
 */
export function parseGraphFile(text: string, maxBytes: number = limits.maxGraphBytes): { document: GraphDocument; migratedFrom: number | null } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    const msg = `The file is ${(bytes / 1e6).toFixed(1)} MB; graph files may be at most ${(maxBytes / 1e6).toFixed(1)} MB.`;
    throw new GraphFileError(msg, [{ message: msg }]);
  }
  if (text.trim() === '') throw new GraphFileError('The file is empty.', [{ message: 'The file is empty.' }]);
  if (jsonDepthExceeds(text)) {
    const msg = `The file is nested more than ${limits.maxJsonDepth} levels deep; a graph file never is.`;
    throw new GraphFileError(msg, [{ message: msg }]);
  }
  const raw = parseJson(text);
  const unsafe = findInputProblem(raw);
  if (unsafe) {
    const msg = `${unsafe.path || 'The file'}: ${unsafe.message}`;
    throw new GraphFileError(msg, [{ path: unsafe.path, message: unsafe.message }]);
  }
  const migrated = migrateGraph(raw);
  if (!migrated.ok) {
    const issues = migrated.errors.map((e) => ({ path: e.path, message: e.message }));
    const list = issues.slice(0, 20).map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`);
    throw new GraphFileError(`This is not a Stepstone graph file:\n${list.join('\n')}`, issues);
  }
  return { document: migrated.document, migratedFrom: migrated.migratedFrom };
}

/** JSON text → data, or a GraphFileError with the line and column of the syntax error. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    // V8 says "... at position N" (Node 20) and/or "(line L column C)" (Node 22+).
    const lc = /line (\d+) column (\d+)/.exec(detail);
    const pos = /position (\d+)/.exec(detail);
    const at = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : pos ? lineColumn(text, Number(pos[1])) : lineColumn(text, text.length);
    const reason = detail.replace(/\s*(in JSON )?at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)/, '');
    const msg = `Not valid JSON at line ${at.line}, column ${at.column}: ${reason}`;
    throw new GraphFileError(msg, [{ message: msg, ...at }]);
  }
}

/** The exact text a graph is stored and exported as (import of it gives back the same document). */
export function graphText(document: GraphDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
