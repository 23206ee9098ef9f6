import { z } from 'zod';
import { limits } from './limits';

/**
 * Text the database and every consumer can hold: no NUL character (PostgreSQL text and jsonb refuse it)
 * and no unpaired UTF-16 surrogate (not valid Unicode; jsonb refuses it too). One home for the rule:
 * the zod refinement for schemas, and a walker for whole inputs.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textProblem(s: string): string | undefined {
  if (s.includes('\0')) return 'contains a NUL character (\\u0000), which is not allowed in text';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired surrogate (invalid Unicode), which is not allowed in text';
  return undefined;
}

/** z.string() that refuses NUL and unpaired surrogates, naming the field in the issue path. */
export function safeString() {
  return z.string().superRefine((s, ctx) => {
    const problem = textProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

export interface InputProblem {
  /** Dotted path of the offending value (or key), e.g. "document.nodes.3.data.name". */
  path: string;
  message: string;
}

/** The first unsafe string (key or value) in a parsed input, or a nesting deeper than `maxDepth`. */
export function findInputProblem(value: unknown, maxDepth: number = limits.maxJsonDepth): InputProblem | undefined {
  const stack: { v: unknown; path: string[]; depth: number }[] = [{ v: value, path: [], depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { path: path.join('.'), message: problem };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return { path: path.join('.'), message: `is nested more than ${maxDepth} levels deep` };
    for (const [k, child] of Object.entries(v)) {
      const problem = textProblem(k);
      if (problem) return { path: [...path, safeKey(k)].join('.'), message: `has a key that ${problem}` };
      stack.push({ v: child, path: [...path, k], depth: depth + 1 });
    }
  }
  return undefined;
}

/** A key shown in a message, with its unsafe characters escaped. */
function safeKey(k: string): string {
  return JSON.stringify(k).slice(1, -1).slice(0, 60);
}

/**
 * The deepest nesting of `[`/`{` in JSON text, scanning without parsing (brackets inside strings do
 * not count). Stops as soon as `limit` is passed, so a hostile 100,000-deep document costs one pass.
 */
export function jsonDepthExceeds(text: string, limit: number = limits.maxJsonDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
