import * as tf from '@tensorflow/tfjs';
import type { MmdEstimator } from './mmd';

/**
 * MMD² with the linear kernel k(a, b) = ⟨a, b⟩ (DDC, Tzeng et al. 2014), of the first `n` rows of `joint` (source)
 * against the other m (target). With μ the domain means:
 * - biased (V-statistic): Σᵢⱼ over all pairs collapses to ‖μ_s − μ_t‖²;
 * - unbiased (U-statistic, i ≠ j within a domain): Σ_{i≠j}⟨sᵢ, sⱼ⟩ = ‖Σᵢ sᵢ‖² − Σᵢ‖sᵢ‖², so
 *   MMD²_u = (‖Σs‖² − Σ‖s‖²)/(n(n−1)) + (‖Σt‖² − Σ‖t‖²)/(m(m−1)) − 2·μ_s·μ_t;
 * - linear-time (Gretton et al.): mean over consecutive pairs of h = ⟨s₁ − t₁, s₂ − t₂⟩.
 * All O((n + m)·d) and differentiated by autodiff (a few ops; no kernel matrix). Too few rows for the estimator
 * yields 0 (still connected to the inputs), as the Gaussian estimators do.
 */
export function linearMmd2Joint(joint: tf.Tensor2D, n: number, estimator: MmdEstimator): tf.Scalar {
  return tf.tidy(() => {
    const m = joint.shape[0] - n;
    const d = joint.shape[1];
    const tooFew = estimator === 'biased' ? n < 1 || m < 1 : estimator === 'linear' ? Math.min(n, m) < 2 : n < 2 || m < 2;
    if (tooFew) return tf.mul(tf.sum(joint), 0) as tf.Scalar;
    const s = tf.slice(joint, 0, n);
    const t = tf.slice(joint, n, m);
    if (estimator === 'linear') {
      const pairs = Math.floor(Math.min(n, m) / 2);
      const half = (x: tf.Tensor2D) => tf.split(tf.reshape(tf.slice(x, 0, 2 * pairs), [pairs, 2 * d]), 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      const [s1, s2] = half(s);
      const [t1, t2] = half(t);
      return tf.mean(tf.sum(tf.mul(tf.sub(s1, t1), tf.sub(s2, t2)), 1)) as tf.Scalar;
    }
    const ms = tf.mean(s, 0);
    const mt = tf.mean(t, 0);
    if (estimator === 'biased') return tf.sum(tf.square(tf.sub(ms, mt))) as tf.Scalar;
    const within = (x: tf.Tensor2D, k: number) => tf.div(tf.sub(tf.sum(tf.square(tf.sum(x, 0))), tf.sum(tf.square(x))), k * (k - 1));
    return tf.sub(tf.add(within(s, n), within(t, m)), tf.mul(tf.sum(tf.mul(ms, mt)), 2)) as tf.Scalar;
  });
}
