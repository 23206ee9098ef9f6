import { z } from 'zod';

type Json = Record<string, unknown>;

const cache = new WeakMap<z.ZodType, string>();

function numberBounds(s: Json): string | null {
  const parts: string[] = [];
  if (typeof s.minimum === 'number') parts.push(`≥ ${s.minimum}`);
  if (typeof s.exclusiveMinimum === 'number') parts.push(`> ${s.exclusiveMinimum}`);
  if (typeof s.maximum === 'number') parts.push(`≤ ${s.maximum}`);
  if (typeof s.exclusiveMaximum === 'number') parts.push(`< ${s.exclusiveMaximum}`);
  const kind = s.type === 'integer' ? 'an integer' : 'a number';
  return s.type === 'integer' || s.type === 'number' ? `${kind}${parts.length ? ` ${parts.join(' and ')}` : ''}` : null;
}

function describe(s: Json): string {
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const n = numberBounds(s);
  if (n) return n;
  if (s.type === 'boolean') return 'true or false';
  if (s.type === 'string') return `text of ${s.minLength ?? 0}–${s.maxLength ?? '∞'} characters`;
  if (s.type === 'array') {
    const items = typeof s.items === 'object' && s.items ? describe(s.items as Json) : 'values';
    return `a list of ${s.minItems ?? 0}–${s.maxItems ?? '∞'} items, each ${items}`;
  }
  return 'a valid value';
}

/** "Allowed: an integer ≥ 1 and ≤ 10000." — from the same zod schema that validates, so it cannot drift. */
export function boundsText(schema: z.ZodType): string {
  const hit = cache.get(schema);
  if (hit !== undefined) return hit;
  let text = '';
  try {
    text = `Allowed: ${describe(z.toJSONSchema(schema, { io: 'input' }) as Json)}.`;
  } catch {
    text = '';
  }
  cache.set(schema, text);
  return text;
}
