import * as tf from '@tensorflow/tfjs';
import { binaryCrossEntropyWithLogits } from '../losses/domain-loss';
import { pairwiseSquaredDistances } from '../losses/mmd';
import { dense } from '../ops/dense';
import { SeededRandom } from '../ops/seeded-random';

/** Rows of `x` at random (without replacement), at most `max`; all rows if there are fewer. */
function sampleRows(x: tf.Tensor2D, max: number, rng: SeededRandom): tf.Tensor2D {
  const n = x.shape[0];
  if (n <= max) return x.clone();
  const idx = rng.permutation(n).slice(0, max);
  return tf.gather(x, tf.tensor1d(idx, 'int32')) as tf.Tensor2D;
}

export interface MmdDistanceOptions {
  /** Rows used per domain (random sample); default 500. */
  readonly maxSamples?: number;
  readonly seed?: number;
  /** σ² = median (default, Gretton's heuristic) or mean of the pairwise squared distances of the joint sample. */
  readonly bandwidth?: 'median' | 'mean';
}

/**
 * Biased MMD² between two sets of rows [n, d] and [m, d] with one Gaussian kernel exp(−d²/(2σ²)), σ² from the
 * median/mean heuristic — a display statistic for how far apart two domains are (≥ 0, 0 for identical sets).
 */
export function mmdDistance(a: tf.Tensor2D, b: tf.Tensor2D, options: MmdDistanceOptions = {}): number {
  if (a.shape[1] !== b.shape[1]) throw new Error(`mmdDistance: ${a.shape[1]} vs ${b.shape[1]} features`);
  if (a.shape[0] < 1 || b.shape[0] < 1) throw new Error('mmdDistance: both sets need at least one row');
  const rng = new SeededRandom(options.seed ?? 0);
  const max = options.maxSamples ?? 500;
  return tf.tidy(() => {
    const sa = sampleRows(a, max, rng);
    const sb = sampleRows(b, max, rng);
    const n = sa.shape[0];
    const m = sb.shape[0];
    const d2 = pairwiseSquaredDistances(tf.concat([sa, sb], 0));
    const values = d2.dataSync();
    const size = n + m;
    const off: number[] = [];
    for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) off.push(values[i * size + j]!);
    let sigma2: number;
    if (off.length === 0) sigma2 = 1;
    else if ((options.bandwidth ?? 'median') === 'mean') sigma2 = off.reduce((s, v) => s + v, 0) / off.length;
    else {
      off.sort((x, y) => x - y);
      const mid = off.length >> 1;
      sigma2 = off.length % 2 === 1 ? off[mid]! : (off[mid - 1]! + off[mid]!) / 2;
    }
    if (!(sigma2 > 0)) sigma2 = 1; // all points equal: any bandwidth gives 0
    let kss = 0;
    let ktt = 0;
    let kst = 0;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const k = Math.exp(-values[i * size + j]! / (2 * sigma2));
        if (i < n && j < n) kss += k;
        else if (i >= n && j >= n) ktt += k;
        else kst += k;
      }
    }
    return Math.max(0, kss / (n * n) + ktt / (m * m) - kst / (n * m));
  });
}

export interface ProxyADistanceOptions {
  /** Rows used per domain (the smaller domain's count caps both, to keep classes balanced); default 1000. */
  readonly maxSamples?: number;
  /** Full-batch Adam steps; default 300. */
  readonly steps?: number;
  readonly learningRate?: number;
  /** L2 penalty on the weights; default 1e-3. */
  readonly l2?: number;
}

export interface ProxyADistanceResult {
  /** 2(1 − 2ε), clipped to [0, 2]. */
  readonly proxyA: number;
  /** Held-out error ε of the domain classifier. */
  readonly error: number;
}

/**
 * Proxy A-distance (Ben-David et al.): train a logistic-regression domain classifier (a vs b) on half of each
 * domain, measure its error ε on the other half; PAD = 2(1 − 2ε), clipped to [0, 2]. ≈ 0 when the domains are
 * indistinguishable, 2 when perfectly separable. Features are standardised with training statistics.
 */
export async function proxyADistance(a: tf.Tensor2D, b: tf.Tensor2D, seed = 0, options: ProxyADistanceOptions = {}): Promise<ProxyADistanceResult> {
  const d = a.shape[1];
  if (d !== b.shape[1]) throw new Error(`proxyADistance: ${d} vs ${b.shape[1]} features`);
  const per = Math.min(a.shape[0], b.shape[0], options.maxSamples ?? 1000);
  if (per < 4) throw new Error(`proxyADistance: need at least 4 rows per domain, got ${a.shape[0]} and ${b.shape[0]}`);
  const rng = new SeededRandom(seed);
  const half = per >> 1;
  const steps = options.steps ?? 300;
  const l2 = options.l2 ?? 1e-3;

  const { trainX, trainY, testX, testY } = tf.tidy(() => {
    const sa = sampleRows(a, per, rng);
    const sb = sampleRows(b, per, rng);
    const trX = tf.concat([sa.slice([0, 0], [half, d]), sb.slice([0, 0], [half, d])]);
    const teX = tf.concat([sa.slice([half, 0], [per - half, d]), sb.slice([half, 0], [per - half, d])]);
    const { mean, variance } = tf.moments(trX, 0);
    const std = tf.add(tf.sqrt(variance), 1e-6);
    return {
      trainX: tf.div(tf.sub(trX, mean), std) as tf.Tensor2D,
      trainY: tf.concat([tf.ones([half]), tf.zeros([half])]),
      testX: tf.div(tf.sub(teX, mean), std) as tf.Tensor2D,
      testY: tf.concat([tf.ones([per - half]), tf.zeros([per - half])]),
    };
  });
  // Variables outlive tidy; their zero initialisers do not.
  const [w, bias] = tf.tidy(() => [tf.variable(tf.zeros([d, 1]) as tf.Tensor2D), tf.variable(tf.zeros([1]) as tf.Tensor1D)]);
  const optimizer = tf.train.adam(options.learningRate ?? 0.05);
  try {
    for (let step = 0; step < steps; step++) {
      tf.tidy(() => {
        optimizer.minimize(() => {
          const logits = dense(trainX, w, bias, { inputGrad: false });
          return tf.add(binaryCrossEntropyWithLogits(logits, trainY), tf.mul(tf.sum(tf.square(w)), l2)) as tf.Scalar;
        });
      });
      // Yield now and then so a long computation does not starve the event loop.
      if (step % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    }
    const error = tf.tidy(() => {
      const predicted = tf.greater(dense(testX, w, bias, { inputGrad: false }).reshape([-1]), 0).toFloat();
      return tf.mean(tf.notEqual(predicted, testY).toFloat()).dataSync()[0]!;
    });
    return { proxyA: Math.min(2, Math.max(0, 2 * (1 - 2 * error))), error };
  } finally {
    optimizer.dispose();
    tf.dispose([w, bias, trainX, trainY, testX, testY]);
  }
}
