/**
 * Migration helpers for changed defaults: a graph saved before a default changed keeps the value it ran with.
 * Params the user set stay as they are; only absent ones are pinned to the old default.
 */
export function pinDefaults(params: Record<string, unknown>, old: Record<string, unknown>): Record<string, unknown> {
  const out = { ...params };
  for (const [k, v] of Object.entries(old)) if (out[k] === undefined) out[k] = v;
  return out;
}

/** Two moons' default `samples` went from 100 to 400 (domain node version 2): older domain nodes keep 100. */
export function pinTwoMoonsSamples(params: Record<string, unknown>): Record<string, unknown> {
  const dataset = params.dataset ?? 'two-moons';
  if (dataset !== 'two-moons') return params;
  const options = (params.options ?? {}) as Record<string, unknown>;
  return options.samples === undefined ? { ...params, options: { ...options, samples: 100 } } : params;
}
