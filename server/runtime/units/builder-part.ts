import { nodeBuilders } from '../../../nodes/builders';
import { PlanInputError } from '../plan-input-error';
import type { NodeBuilder } from '../node-builder';

/** Every function any builder role provides, by name. */
type Parts = { [B in NodeBuilder as B['role']]: B } extends infer M ? UnionToParts<M[keyof M]> : never;
type UnionToParts<U> = { [F in U extends unknown ? Exclude<keyof U, 'type' | 'role'> : never]-?: NonNullable<U extends Record<F, infer V> ? V : U extends Partial<Record<F, infer V>> ? V : never> };

export type BuilderPart = keyof Parts;

/**
 * The function `part` of the builder of node kind `type`, the kind a plan item names: this is how the runtime
 * dispatches every part of a plan. A kind that lacks the part is a plan error (the plan was not made for it).
 */
export function builderPart<P extends BuilderPart>(type: string, part: P, nodeId?: string): Parts[P] {
  const builder = (nodeBuilders as Record<string, NodeBuilder | undefined>)[type];
  const fn = builder ? (builder as unknown as Partial<Parts>)[part] : undefined;
  if (!fn) throw new PlanInputError(`The plan asks node kind "${type}" for ${part}, which it does not provide.`, nodeId);
  return fn as Parts[P];
}

/** The part when the kind provides it (e.g. an extractor's optional preflight), else undefined. */
export function optionalPart<P extends BuilderPart>(type: string, part: P): Parts[P] | undefined {
  const builder = (nodeBuilders as Record<string, NodeBuilder | undefined>)[type];
  return builder ? (builder as unknown as Partial<Parts>)[part] : undefined;
}
