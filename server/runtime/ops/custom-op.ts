import * as tf from '@tensorflow/tfjs';
import { keepForStep } from './step-arena';

export interface CustomOpResult {
  readonly value: tf.Tensor;
  /** One gradient per input, in order. `saved` holds what the forward pass passed to `save`. */
  readonly gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
}

/**
 * A typed wrapper of tf.customGrad: `forward` receives the inputs as an array plus the save function.
 * Inside a training step's arena (ops/step-arena.ts) saved tensors are kept rather than cloned.
 * Remember that customGrad ignores gradFunc when `value` is one of the inputs unchanged — clone it.
 */
export function customOp(forward: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => CustomOpResult): (...inputs: tf.Tensor[]) => tf.Tensor {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    // tf.customGrad appends the save function after the inputs.
    const save = args[args.length - 1] as tf.GradSaveFunc;
    let kept: tf.Tensor[] | null = null;
    const saveOrKeep: tf.GradSaveFunc = (tensors) => {
      if (keepForStep(tensors)) kept = [...tensors];
      else save(tensors);
    };
    const result = forward(args.slice(0, -1) as tf.Tensor[], saveOrKeep);
    return { value: result.value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => result.gradFunc(dy, kept ?? saved) };
  });
  return (...inputs: tf.Tensor[]) => op(...inputs);
}
