import * as tf from '@tensorflow/tfjs';
import { customOp } from '../ops/custom-op';

/** Label value that marks an unlabelled sample; such samples contribute nothing to the loss. */
export const UNLABELLED = -1;

export interface CrossEntropyOptions {
  /** Per-sample weights (e.g. TrAdaBoost instance weights), shape [n]. Default: all 1. */
  readonly weights?: tf.Tensor1D | ArrayLike<number>;
}

/**
 * Sparse softmax cross-entropy: weighted mean over the labelled samples of −log softmax(logits)[label].
 * Samples with label −1 are masked out. Returns Σ wᵢ·ℓᵢ / Σ wᵢ over labelled samples, or 0 if none is labelled.
 * @param logits [n, classes]
 * @param labels [n] class indices (int), −1 for unlabelled
 */
export function sparseSoftmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D | ArrayLike<number>, options: CrossEntropyOptions = {}): tf.Scalar {
  return tf.tidy(() => {
    const [n, classes] = logits.shape;
    if (!(labels instanceof tf.Tensor)) {
      // A label ≥ classes would silently one-hot to zeros and drop out of the loss.
      for (let i = 0; i < labels.length; i++) {
        const v = labels[i]!;
        if (!Number.isInteger(v) || v < UNLABELLED || v >= classes) throw new Error(`sparseSoftmaxCrossEntropy: label ${v} of sample ${i} is not a class 0..${classes - 1} or ${UNLABELLED} (unlabelled)`);
      }
    }
    const y = labels instanceof tf.Tensor ? labels.toInt() : tf.tensor1d(Array.from(labels), 'int32');
    if (y.shape[0] !== n) throw new Error(`sparseSoftmaxCrossEntropy: ${n} logits rows but ${y.shape[0]} labels`);
    const mask = tf.greaterEqual(y, 0).toFloat();
    const oneHot = tf.oneHot(tf.maximum(y, tf.scalar(0, 'int32')) as tf.Tensor1D, classes).toFloat();
    const nll = tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), oneHot), 1));
    let w: tf.Tensor = mask;
    if (options.weights !== undefined) {
      const given = options.weights instanceof tf.Tensor ? options.weights.toFloat() : tf.tensor1d(Array.from(options.weights), 'float32');
      if (given.shape[0] !== n) throw new Error(`sparseSoftmaxCrossEntropy: ${n} samples but ${given.shape[0]} weights`);
      w = tf.mul(mask, given);
    }
    // max(…, tiny) keeps an all-unlabelled batch at 0 instead of NaN.
    return tf.div(tf.sum(tf.mul(nll, w)), tf.maximum(tf.sum(w), 1e-12)) as tf.Scalar;
  });
}

/**
 * Σᵢ sᵢ·(−Σ_c Y_ic·log softmax(z)ᵢ_c) as one op with its closed-form gradient ∂/∂z = sᵢ·(softmax(z)ᵢ − Yᵢ):
 * the training loop's classification loss. Autodiff through logSoftmax, oneHot and the weighted mean records ~30
 * kernels per step; this records ~14. `oneHot` is [n, classes]; `rowScale` is sᵢ — per-row weights already divided
 * by their sum ([n, 1]), or a number for every row (1/n: the plain mean).
 */
export function softmaxCrossEntropyOneHot(logits: tf.Tensor2D, oneHot: tf.Tensor2D, rowScale: tf.Tensor2D | number): tf.Scalar {
  if (logits.shape.join() !== oneHot.shape.join()) throw new Error(`softmaxCrossEntropyOneHot: logits ${JSON.stringify(logits.shape)} but one-hot labels ${JSON.stringify(oneHot.shape)}`);
  // The labels are data: closed over, not differentiated (the caller keeps them alive through the step).
  // A scale tensor is saved, because it may be computed inside the recorded function, whose scope ends first.
  const op = customOp(([z], save) => {
    const logp = tf.logSoftmax(z as tf.Tensor2D);
    save(typeof rowScale === 'number' ? [logp] : [logp, rowScale]);
    return {
      value: tf.neg(tf.sum(tf.mul(tf.mul(logp, oneHot), rowScale))),
      gradFunc: (dy, saved) => tf.mul(tf.mul(tf.sub(tf.exp(saved[0]!), oneHot), saved[1] ?? rowScale), dy),
    };
  });
  return op(logits) as tf.Scalar;
}
