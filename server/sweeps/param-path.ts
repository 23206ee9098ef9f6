import type { SweepValue } from '../../formats/sweep';

/** Keys that could reach an object's prototype: never followed or written. */
const forbidden = new Set(['__proto__', 'prototype', 'constructor']);

function segments(path: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => p === '' || forbidden.has(p))) throw new Error(`"${path}" is not a param path`);
  return parts;
}

/** The value at a dotted path (`options.rotation`, `hidden.1`), or undefined when the path leads nowhere. */
export function readPath(params: unknown, path: string): unknown {
  let at: unknown = params;
  for (const key of segments(path)) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/**
 * A copy of `params` with `value` at the dotted path. Objects and arrays along the way are copied (the input is
 * never changed); a missing object key is created, an array index must exist.
 */
export function writePath(params: Record<string, unknown>, path: string, value: SweepValue): Record<string, unknown> {
  const keys = segments(path);
  const root = structuredClone(params);
  let at: Record<string, unknown> | unknown[] = root;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    if (Array.isArray(at)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= at.length) throw new Error(`"${path}": no item ${key}`);
      if (last) at[index] = value;
      else at = at[index] as Record<string, unknown>;
      return;
    }
    if (last) {
      at[key] = value;
      return;
    }
    const next = at[key];
    if (typeof next !== 'object' || next === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  });
  return root;
}
