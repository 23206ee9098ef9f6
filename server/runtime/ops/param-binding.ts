import type * as tf from '@tensorflow/tfjs';

/*
 * A training step reads every trainable weight as a view of one flat parameter vector (see
 * train/flat-params.ts), so that the optimiser updates one tensor instead of one per weight (Adam costs ~17
 * kernels per variable on WASM). Layers ask `param(v)` for the tensor that stands for variable `v` in the step
 * being built; outside a step it is `v` itself. The binding is set and cleared synchronously around a step, so
 * nothing else can observe it.
 */
let bound: ReadonlyMap<tf.Tensor, tf.Tensor> | null = null;

/** The tensor standing for weight `v` in the current step: its view in the flat vector, else `v`. */
export function param<T extends tf.Tensor>(v: T): T {
  return (bound?.get(v) as T | undefined) ?? v;
}

/** Runs `fn` with `views` standing in for their variables (nesting restores the outer binding). */
export function withParams<R>(views: ReadonlyMap<tf.Tensor, tf.Tensor>, fn: () => R): R {
  const outer = bound;
  bound = views;
  try {
    return fn();
  } finally {
    bound = outer;
  }
}
