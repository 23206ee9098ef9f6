import { expect } from 'vitest';
import type { GraphDocument, GraphNode } from '../../formats/graph-document';
import { getTemplate } from '../../templates/index';
import type { CompileIssue } from './compile-issue';
import type { CompileResult } from './compile-graph';

/** Test helpers: templates as mutable fixtures, and issue matchers. */
export function templateDoc(id: string): GraphDocument {
  const template = getTemplate(id);
  if (!template) throw new Error(`no template ${id}`);
  return structuredClone(template.document);
}

export function nodeOf(doc: GraphDocument, id: string): GraphNode {
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

export function edgeId(doc: GraphDocument, source: string, target: string, targetPort?: string): string {
  const edge = doc.edges.find((e) => e.source === source && e.target === target && (!targetPort || e.targetPort === targetPort));
  if (!edge) throw new Error(`no edge ${source} → ${target}`);
  return edge.id;
}

export function errorsOf(result: CompileResult): CompileIssue[] {
  return result.ok ? [] : result.errors;
}

/** Asserts an error with this code exists and sits on the given node/edge/field. */
export function expectError(result: CompileResult, expected: Partial<CompileIssue> & { code: string }): CompileIssue {
  expect(result.ok).toBe(false);
  const found = errorsOf(result).find((e) => Object.entries(expected).every(([k, v]) => e[k as keyof CompileIssue] === v));
  expect(found, `expected ${JSON.stringify(expected)} among ${JSON.stringify(errorsOf(result).map((e) => [e.code, e.nodeId, e.edgeId, e.field]))}`).toBeDefined();
  expect(found!.hint.length).toBeGreaterThan(5);
  return found!;
}
