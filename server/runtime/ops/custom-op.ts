import * as tf from '@tensorflow/tfjs';

export interface CustomOpResult {
  readonly value: tf.Tensor;
  /** One gradient per input, in order. `saved` holds what the forward pass passed to `save`. */
  readonly gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
}

/**
 * A typed wrapper of tf.customGrad: `forward` receives the inputs as an array plus the save function.
 * Remember that customGrad ignores gradFunc when `value` is one of the inputs unchanged — clone it.
 */
export function customOp(forward: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => CustomOpResult): (...inputs: tf.Tensor[]) => tf.Tensor {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    // tf.customGrad appends the save function after the inputs.
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const result = forward(args.slice(0, -1) as tf.Tensor[], save);
    return { value: result.value, gradFunc: result.gradFunc };
  });
  return (...inputs: tf.Tensor[]) => op(...inputs);
}
