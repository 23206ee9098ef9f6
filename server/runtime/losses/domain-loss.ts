import * as tf from '@tensorflow/tfjs';
import { customOp } from '../ops/custom-op';

/**
 * Mean binary cross-entropy on logits, numerically stable for any logit size:
 * ℓ(z, y) = max(z, 0) − z·y + log(1 + exp(−|z|)).
 */
export function binaryCrossEntropyWithLogits(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const z = logits.reshape([-1]);
    const y = labels.reshape([-1]).toFloat();
    if (z.shape[0] !== y.shape[0]) throw new Error(`binaryCrossEntropyWithLogits: ${z.shape[0]} logits but ${y.shape[0]} labels`);
    const loss = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
    return tf.mean(loss);
  });
}

/**
 * The DANN domain-classifier loss: BCE with logits where source samples are labelled 1 and target samples 0,
 * averaged over all source and target samples. Logits have shape [n] or [n, 1].
 */
export function domainLoss(sourceLogits: tf.Tensor, targetLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const ns = sourceLogits.size;
    const nt = targetLogits.size;
    const logits = tf.concat([sourceLogits.reshape([-1]), targetLogits.reshape([-1])]);
    const labels = tf.concat([tf.ones([ns]), tf.zeros([nt])]);
    return binaryCrossEntropyWithLogits(logits, labels);
  });
}

/** Fraction of samples the domain classifier puts on the right side (logit > 0 ⇔ source). Not differentiable. */
export function domainAccuracy(sourceLogits: tf.Tensor, targetLogits: tf.Tensor): number {
  return tf.tidy(() => {
    const right = tf.add(tf.sum(tf.greater(sourceLogits, 0).toFloat()), tf.sum(tf.lessEqual(targetLogits, 0).toFloat()));
    return right.dataSync()[0]! / (sourceLogits.size + targetLogits.size);
  });
}

/**
 * The DANN domain loss on one joint batch: mean BCE of logits z [N, 1] against constant domain labels y [N, 1]
 * (1 = source, 0 = target) as softplus(z) − z·y, with its closed-form gradient (σ(z) − y)/N. Autodiff of the
 * stable BCE records ~20 kernels; this op records 7. Equal to {@link binaryCrossEntropyWithLogits}.
 */
export function domainLossJoint(logits: tf.Tensor2D, labels: tf.Tensor2D): tf.Scalar {
  const n = logits.shape[0];
  const op = customOp(([z], save) => {
    save([z!]);
    return {
      value: tf.mean(tf.sub(tf.softplus(z!), tf.mul(z!, labels))),
      gradFunc: (dy, saved) => tf.mul(tf.sub(tf.sigmoid(saved[0]!), labels), tf.div(dy, n)),
    };
  });
  return op(logits) as tf.Scalar;
}
