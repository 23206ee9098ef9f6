import * as tf from '@tensorflow/tfjs';
import { customOp } from './custom-op';

/**
 * Rows `indices` of x (tf.gather on axis 0) with a gradient that works on the WASM backend: TF.js's gather
 * gradient needs the UnsortedSegmentSum kernel, which tfjs-backend-wasm does not register. The gradient scatters
 * (and, for repeated indices, sums) dy back with one plain matMul: dx = oneHot(indices, n)ᵀ·dy.
 */
export function gatherRows<T extends tf.Tensor>(x: T, indices: tf.Tensor1D | ArrayLike<number>): T {
  const n = x.shape[0];
  if (n === undefined) throw new Error('gatherRows: x must have at least one dimension');
  const idx = indices instanceof tf.Tensor ? indices : Int32Array.from(indices as ArrayLike<number>);
  if (!(idx instanceof tf.Tensor)) {
    for (let i = 0; i < idx.length; i++) {
      const v = idx[i]!;
      if (v < 0 || v >= n) throw new Error(`gatherRows: index ${v} at position ${i} is outside 0..${n - 1}`);
    }
  }
  return tf.tidy(() => {
    const index = idx instanceof tf.Tensor ? idx.toInt() : tf.tensor1d(idx, 'int32');
    const op = customOp(([xv], save) => {
      // Saved (kept) for the backward pass; `index` itself dies with this tidy.
      save([index]);
      return {
        value: tf.gather(xv!, index, 0),
        gradFunc: (dy, saved) => {
          const kept = saved[0] as tf.Tensor1D;
          const rest = dy.shape.slice(1);
          const width = rest.reduce((a, b) => a * b, 1);
          const scatter = tf.transpose(tf.oneHot(kept, n).toFloat()) as tf.Tensor2D;
          return tf.reshape(tf.matMul(scatter, tf.reshape(dy, [kept.shape[0], width]) as tf.Tensor2D), [n, ...rest]);
        },
      };
    });
    return op(x) as T;
  });
}
