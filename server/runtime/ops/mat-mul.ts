import * as tf from '@tensorflow/tfjs';
import { customOp } from './custom-op';

/*
 * On the WASM backend tf.matMul with transposeA/transposeB is ~14x slower than an explicit tf.transpose followed
 * by a plain matMul, and the built-in MatMul gradient uses exactly that transposed form. These ops keep every
 * matMul — forward and backward — plain.
 */

/** a·bᵀ with an explicit transpose (no transposeB). Its autodiff is slow; differentiate through {@link matMul}. */
export function matMulNT(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(a, tf.transpose(b)));
}

/** aᵀ·b with an explicit transpose (no transposeA). */
export function matMulTN(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(tf.transpose(a), b));
}

const matMulOp = customOp(([a, b], save) => {
  save([a as tf.Tensor, b as tf.Tensor]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy, saved) => {
      const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [matMulNT(dy as tf.Tensor2D, sb), matMulTN(sa, dy as tf.Tensor2D)];
    },
  };
});

/** Differentiable a·b whose gradients use explicit transposes: da = dy·bᵀ, db = aᵀ·dy. */
export function matMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return matMulOp(a, b) as tf.Tensor2D;
}

const gramOp = customOp(([x], save) => {
  save([x as tf.Tensor]);
  return {
    value: matMulNT(x as tf.Tensor2D, x as tf.Tensor2D),
    // G = X·Xᵀ ⇒ dX = (dG + dGᵀ)·X: one n×n transpose and one plain matMul.
    gradFunc: (dy, saved) => tf.matMul(tf.add(dy, tf.transpose(dy)) as tf.Tensor2D, saved[0] as tf.Tensor2D),
  };
});

/** Differentiable Gram matrix X·Xᵀ ([n, d] → [n, n]) with a fast gradient. */
export function gram(x: tf.Tensor2D): tf.Tensor2D {
  return gramOp(x) as tf.Tensor2D;
}
