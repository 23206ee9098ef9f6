import type { BuiltinDataset } from '../../nodes/core/dataset-catalog';
import { DatasetError } from './dataset';

/**
 * Checks a built-in data set's options against the catalog bounds and fills in defaults.
 * Errors name the data set and the option, and say which values are allowed.
 */
export function resolveOptions(meta: BuiltinDataset, given: Readonly<Record<string, unknown>>): Record<string, number> {
  const out: Record<string, number> = {};
  const allowed = Object.keys(meta.options);
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(meta.options, key)) {
      throw new DatasetError(
        `"${meta.id}" has no option "${key}". Allowed options: ${allowed.length > 0 ? allowed.join(', ') : '(none)'}.`,
        { field: key },
      );
    }
  }
  for (const [key, spec] of Object.entries(meta.options)) {
    const value = Object.hasOwn(given, key) ? given[key] : undefined;
    if (value === undefined) {
      out[key] = spec.default;
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new DatasetError(`option "${key}" of "${meta.id}" must be a finite number, got ${JSON.stringify(value)}.`, { field: key });
    }
    if (spec.integer && !Number.isInteger(value)) {
      throw new DatasetError(`option "${key}" of "${meta.id}" must be a whole number, got ${value}.`, { field: key });
    }
    if (value < spec.min || value > spec.max) {
      throw new DatasetError(`option "${key}" of "${meta.id}" must be between ${spec.min} and ${spec.max}, got ${value}.`, { field: key });
    }
    out[key] = value;
  }
  return out;
}
