import { builtinDatasets, type DatasetOption } from '../../nodes/core/dataset-catalog';

/**
 * Turns a node's params JSON Schema (zod → JSON Schema, io "input") into form fields, parses
 * what the user types, and checks values against the schema's bounds so that each field can show
 * its own error before the server is asked. The server re-validates everything.
 */

type Json = Record<string, unknown>;

export type FieldSpec =
  | { kind: 'number'; key: string; label: string; description?: string; integer: boolean; min?: number; max?: number; exclusiveMin?: number; exclusiveMax?: number; default?: unknown }
  | { kind: 'enum'; key: string; label: string; description?: string; options: string[]; default?: unknown }
  | { kind: 'boolean'; key: string; label: string; description?: string; default?: unknown }
  | { kind: 'text'; key: string; label: string; description?: string; multiline: boolean; minLength?: number; maxLength?: number; pattern?: string; default?: unknown }
  | { kind: 'numberList'; key: string; label: string; description?: string; integer: boolean; min?: number; max?: number; exclusiveMin?: number; minItems?: number; maxItems?: number; default?: unknown }
  | { kind: 'enumList'; key: string; label: string; description?: string; options: string[]; minItems?: number; maxItems?: number; default?: unknown }
  | { kind: 'datasetOptions'; key: string; label: string; description?: string; default?: unknown };

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** "learningRate" → "Learning rate". */
export function humanize(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function fieldsFromSchema(schema: Json): FieldSpec[] {
  const props = (schema.properties ?? {}) as Record<string, Json>;
  const fields: FieldSpec[] = [];
  for (const [key, p] of Object.entries(props)) {
    const base = { key, label: humanize(key), description: str(p.description), default: p.default };
    const type = p.type;
    if ((type === 'number' || type === 'integer') && !p.enum) {
      fields.push({ ...base, kind: 'number', integer: type === 'integer', min: num(p.minimum), max: num(p.maximum), exclusiveMin: num(p.exclusiveMinimum), exclusiveMax: num(p.exclusiveMaximum) });
    } else if (type === 'string' && Array.isArray(p.enum)) {
      fields.push({ ...base, kind: 'enum', options: p.enum.map(String) });
    } else if (type === 'boolean') {
      fields.push({ ...base, kind: 'boolean' });
    } else if (type === 'string') {
      const multiline = (num(p.maxLength) ?? 0) > 500 || (typeof p.default === 'string' && p.default.includes('\n'));
      fields.push({ ...base, kind: 'text', multiline, minLength: num(p.minLength), maxLength: num(p.maxLength), pattern: str(p.pattern) });
    } else if (type === 'array') {
      const items = (p.items ?? {}) as Json;
      if (items.type === 'number' || items.type === 'integer') {
        fields.push({ ...base, kind: 'numberList', integer: items.type === 'integer', min: num(items.minimum), max: num(items.maximum), exclusiveMin: num(items.exclusiveMinimum), minItems: num(p.minItems), maxItems: num(p.maxItems) });
      } else if (items.type === 'string' && Array.isArray(items.enum)) {
        fields.push({ ...base, kind: 'enumList', options: items.enum.map(String), minItems: num(p.minItems), maxItems: num(p.maxItems) });
      }
    } else if (type === 'object' && key === 'options') {
      fields.push({ ...base, kind: 'datasetOptions' });
    }
  }
  return fields;
}

function checkNumber(v: number, f: { integer: boolean; min?: number; max?: number; exclusiveMin?: number; exclusiveMax?: number }): string | null {
  if (!Number.isFinite(v)) return 'Enter a number.';
  if (f.integer && !Number.isInteger(v)) return 'Must be a whole number.';
  if (f.min !== undefined && v < f.min) return `Must be at least ${f.min}.`;
  if (f.max !== undefined && v > f.max) return `Must be at most ${f.max}.`;
  if (f.exclusiveMin !== undefined && v <= f.exclusiveMin) return `Must be greater than ${f.exclusiveMin}.`;
  if (f.exclusiveMax !== undefined && v >= f.exclusiveMax) return `Must be less than ${f.exclusiveMax}.`;
  return null;
}

/** The error message for a value of a field, or null when it is acceptable. `undefined` means "use the default". */
export function checkField(f: FieldSpec, value: unknown): string | null {
  if (value === undefined) return null;
  switch (f.kind) {
    case 'number':
      return typeof value === 'number' ? checkNumber(value, f) : 'Enter a number.';
    case 'enum':
      return typeof value === 'string' && f.options.includes(value) ? null : `Choose one of ${f.options.join(', ')}.`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Must be on or off.';
    case 'text': {
      if (typeof value !== 'string') return 'Enter text.';
      if (f.minLength !== undefined && value.length < f.minLength) return f.minLength === 1 ? 'Required.' : `At least ${f.minLength} characters.`;
      if (f.maxLength !== undefined && value.length > f.maxLength) return `At most ${f.maxLength} characters.`;
      if (f.pattern !== undefined && !new RegExp(f.pattern).test(value)) return 'Contains characters that are not allowed.';
      return null;
    }
    case 'numberList': {
      if (!Array.isArray(value)) return 'Enter numbers separated by commas.';
      if (f.minItems !== undefined && value.length < f.minItems) return `Needs at least ${f.minItems} value${f.minItems === 1 ? '' : 's'}.`;
      if (f.maxItems !== undefined && value.length > f.maxItems) return `At most ${f.maxItems} values.`;
      for (const [i, v] of value.entries()) {
        const err = typeof v === 'number' ? checkNumber(v, f) : 'Enter a number.';
        if (err) return `Value ${i + 1}: ${err.charAt(0).toLowerCase()}${err.slice(1)}`;
      }
      return null;
    }
    case 'enumList': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !f.options.includes(v))) return `Choose from ${f.options.join(', ')}.`;
      if (f.minItems !== undefined && value.length < f.minItems) return `Choose at least ${f.minItems}.`;
      if (f.maxItems !== undefined && value.length > f.maxItems) return `Choose at most ${f.maxItems}.`;
      return null;
    }
    case 'datasetOptions':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? null : 'Invalid options.';
  }
}

/** Parse "32, 16" into [32, 16]; returns the raw text back as an error when a part is not a number. */
export function parseNumberList(text: string): { ok: true; value: number[] } | { ok: false; error: string } {
  const parts = text.split(/[,\s]+/).filter((p) => p.length > 0);
  const value: number[] = [];
  for (const p of parts) {
    const n = Number(p);
    if (!Number.isFinite(n)) return { ok: false, error: `"${p}" is not a number.` };
    value.push(n);
  }
  return { ok: true, value };
}

/** The option fields a built-in data set exposes (samples, rotation, ...), or none for uploads. */
export function datasetOptionFields(datasetId: unknown): Array<{ key: string; option: DatasetOption }> {
  if (typeof datasetId !== 'string' || !Object.prototype.hasOwnProperty.call(builtinDatasets, datasetId)) return [];
  const ds = builtinDatasets[datasetId as keyof typeof builtinDatasets];
  return Object.entries(ds.options).map(([key, option]) => ({ key, option }));
}

export function checkDatasetOption(option: DatasetOption, value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'number') return 'Enter a number.';
  return checkNumber(value, { integer: option.integer, min: option.min, max: option.max });
}

/** A short text for a param on the node card. */
export function formatParam(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => formatParam(v)).join(', ')}]`;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value.length > 24 ? `${value.slice(0, 22).split('\n')[0]}…` : value;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? entries.map(([k, v]) => `${k}=${formatParam(v)}`).join(' ') : '—';
  }
  return '—';
}
