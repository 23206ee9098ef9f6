import { z } from 'zod';
import { limits } from './limits';

/** A sweep compiles to at most this many plans (members); more is refused with a clear error. */
export const MAX_SWEEP_MEMBERS = 200;
/** Swept parameters per graph. */
export const MAX_SWEEP_AXES = 8;

export const sweepValueSchema = z.union([z.number().finite(), z.string().max(200), z.boolean()]);
export type SweepValue = z.infer<typeof sweepValueSchema>;

/** Evenly spaced numbers from `from` to `to` (both included): linear, or geometric (log scale, both > 0). */
export const sweepRangeSchema = z
  .object({
    from: z.number().finite(),
    to: z.number().finite(),
    n: z.number().int().min(2).max(MAX_SWEEP_MEMBERS),
    scale: z.enum(['linear', 'log']).default('linear'),
  })
  .refine((r) => r.scale === 'linear' || (r.from > 0 && r.to > 0), { message: 'a log range needs from > 0 and to > 0' });

/**
 * One swept parameter of one node (graph format version 3): a list of values, or a range. `param` is the
 * param's name, dotted for nested values (`options.rotation`, `hidden.1`) — the same paths compile errors use.
 */
export const sweepAxisSchema = z
  .object({
    nodeId: z.string().min(1).max(limits.maxIdLength),
    param: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'a param path is names or indices joined by dots, e.g. options.rotation'),
    values: z.array(sweepValueSchema).min(1).max(MAX_SWEEP_MEMBERS).optional(),
    range: sweepRangeSchema.optional(),
  })
  .refine((a) => (a.values === undefined) !== (a.range === undefined), { message: 'a swept parameter has either values or a range' });
export type SweepAxis = z.infer<typeof sweepAxisSchema>;

/** Rounds away float noise of range arithmetic (0.30000000000000004 → 0.3). */
const tidy = (v: number): number => Number(v.toPrecision(12));

/** The values an axis takes, in order. */
export function axisValues(axis: SweepAxis): SweepValue[] {
  if (axis.values) return [...axis.values];
  const { from, to, n, scale } = axis.range!;
  return Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    return tidy(scale === 'log' ? Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from))) : from + t * (to - from));
  });
}

/** "nodeId.param", the key a member's values are listed under. */
export const axisKey = (axis: Pick<SweepAxis, 'nodeId' | 'param'>): string => `${axis.nodeId}.${axis.param}`;
