/**
 * The reference DANN step of bench/dann-step.ts (MLP 784→256→128, 10-class head, MK-MMD² and a gradient-reversal
 * domain classifier, batch 128 + 128) as browser-safe code: the Node bench and the browser bench
 * (bench/browser/) both build it from here.
 */
import { sparseSoftmaxCrossEntropy } from '../server/runtime/losses/cross-entropy';
import { domainLoss } from '../server/runtime/losses/domain-loss';
import { MEAN_MULTIPLE_ALPHAS as DAN_ALPHAS } from '../nodes/mmd-adaptation/mmd-kernels';
import { mmd2 } from '../server/runtime/losses/mmd';
import { dense } from '../server/runtime/ops/dense';
import { gradientReversal } from '../server/runtime/ops/gradient-reversal';
import { SeededRandom, glorotUniformValues } from '../server/runtime/ops/seeded-random';
import { stopGradient } from '../server/runtime/ops/stop-gradient';
import type * as tfTypes from '@tensorflow/tfjs';

/** The TF.js namespace (passed in: Node's and the browser's come from different places). */
export type Tf = typeof tfTypes;
type Tensor = tfTypes.Tensor;
type Tensor1D = tfTypes.Tensor1D;
type Tensor2D = tfTypes.Tensor2D;

export const BATCH = 128;
const LAYERS: Array<[number, number]> = [
  [784, 256], // feature extractor
  [256, 128],
  [128, 10], // class head
  [128, 64], // domain classifier
  [64, 1],
];

export interface Setup {
  tf: Tf;
  xs: Tensor2D;
  xt: Tensor2D;
  x: Tensor2D;
  ys: Tensor1D;
  weights: tfTypes.Variable[];
}

export function setup(tf: Tf, seed: number): Setup {
  const rng = new SeededRandom(seed);
  const tensors = tf.tidy(() => {
    const xs = tf.tensor2d(Float32Array.from({ length: BATCH * 784 }, () => rng.normal()), [BATCH, 784]);
    const xt = tf.tensor2d(Float32Array.from({ length: BATCH * 784 }, () => rng.normal() + 0.5), [BATCH, 784]);
    const ys = tf.tensor1d(Int32Array.from({ length: BATCH }, () => rng.int(10)), 'int32');
    const weights: tfTypes.Variable[] = [];
    for (const [fanIn, fanOut] of LAYERS) {
      weights.push(tf.variable(tf.tensor2d(glorotUniformValues(rng, fanIn, fanOut), [fanIn, fanOut])));
      weights.push(tf.variable(tf.zeros([fanOut])));
    }
    const x = tf.concat([xs, xt]) as Tensor2D;
    return { xs, xt, x, ys, weights };
  });
  return { ...tensors, tf };
}

/** What one would write first: plain tf.matMul layers under autodiff, X·Xᵀ via transposeB. */
export function naiveLoss(s: Setup): tfTypes.Scalar {
  const { tf } = s;
  const [w1, b1, w2, b2, wc, bc, wd1, bd1, wd2, bd2] = s.weights as unknown as [Tensor2D, Tensor1D, Tensor2D, Tensor1D, Tensor2D, Tensor1D, Tensor2D, Tensor1D, Tensor2D, Tensor1D];
  const layer = (x: Tensor2D, w: Tensor2D, b: Tensor1D) => tf.add(tf.matMul(x, w), b) as Tensor2D;
  const f = tf.relu(layer(tf.relu(layer(s.x, w1, b1)), w2, b2)) as Tensor2D;
  const fs = f.slice([0, 0], [BATCH, 128]);
  const lossC = tf.losses.softmaxCrossEntropy(tf.oneHot(s.ys, 10), layer(fs, wc, bc));
  // MK-MMD², unbiased, same estimator as mmd2 but with the transposed matMul.
  const z = f;
  const n = 2 * BATCH;
  const sq = tf.sum(tf.square(z), 1);
  const d2 = tf.relu(tf.sub(tf.add(sq.reshape([-1, 1]), sq.reshape([1, -1])), tf.mul(tf.matMul(z, z, false, true), 2)));
  const centred = tf.sub(z, tf.mean(z, 0, true));
  const sigma2 = stopGradient(tf.mul(tf.sum(tf.square(centred)), 2 / (n - 1)));
  let k: Tensor = tf.zeros([n, n]);
  for (const a of DAN_ALPHAS) k = tf.add(k, tf.exp(tf.div(d2, tf.mul(sigma2, -2 * a))));
  k = tf.div(k, DAN_ALPHAS.length);
  const eye = tf.eye(n);
  const blockSum = (t: Tensor) => tf.sum(t);
  const kss = k.slice([0, 0], [BATCH, BATCH]);
  const ktt = k.slice([BATCH, BATCH], [BATCH, BATCH]);
  const kst = k.slice([0, BATCH], [BATCH, BATCH]);
  const diag = (t: Tensor) => tf.sum(tf.mul(t, eye.slice([0, 0], [BATCH, BATCH])));
  const within = BATCH * (BATCH - 1);
  const lossM = tf.sub(
    tf.add(tf.div(tf.sub(blockSum(kss), diag(kss)), within), tf.div(tf.sub(blockSum(ktt), diag(ktt)), within)),
    tf.mul(tf.mean(kst), 2),
  );
  const dl = layer(tf.relu(layer(gradientReversal(f, 1), wd1, bd1)) as Tensor2D, wd2, bd2);
  const domainLabels = tf.concat([tf.ones([BATCH, 1]), tf.zeros([BATCH, 1])]);
  const lossD = tf.losses.sigmoidCrossEntropy(domainLabels, dl);
  return tf.addN([lossC, lossM, lossD]) as tfTypes.Scalar;
}

/** The runtime's ops: fused dense with explicit-transpose gradients, Gram-based MMD, no dx for the data layer. */
export function fastLoss(s: Setup): tfTypes.Scalar {
  const { tf } = s;
  const [w1, b1, w2, b2, wc, bc, wd1, bd1, wd2, bd2] = s.weights as unknown as [Tensor2D, Tensor1D, Tensor2D, Tensor1D, Tensor2D, Tensor1D, Tensor2D, Tensor1D, Tensor2D, Tensor1D];
  const h = dense(s.x, w1, b1, { activation: 'relu', inputGrad: false });
  const f = dense(h, w2, b2, { activation: 'relu' });
  const fs = f.slice([0, 0], [BATCH, 128]);
  const ft = f.slice([BATCH, 0], [BATCH, 128]);
  const lossC = sparseSoftmaxCrossEntropy(dense(fs, wc, bc), s.ys);
  const lossM = mmd2(fs, ft, { alphas: DAN_ALPHAS, estimator: 'unbiased' });
  const dl = dense(dense(gradientReversal(f, 1), wd1, bd1, { activation: 'relu' }), wd2, bd2);
  const lossD = domainLoss(dl.slice([0, 0], [BATCH, 1]), dl.slice([BATCH, 0], [BATCH, 1]));
  return tf.addN([lossC, lossM, lossD]) as tfTypes.Scalar;
}


function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Median wall ms of `steps` Adam steps of the fast DANN loss after `warmup`, each ended by an asynchronous read of
 * its loss (GPU backends finish the step then; WebGPU in Node has no synchronous read). Browser-safe.
 */
export async function measureFastSteps(tf: Tf, warmup: number, steps: number, seed = 0): Promise<{ ms: number; firstLoss: number }> {
  const s = setup(tf, seed);
  const optimizer = tf.train.adam(1e-3);
  const times: number[] = [];
  let firstLoss = Number.NaN;
  try {
    for (let i = 0; i < warmup + steps; i++) {
      const t0 = performance.now();
      const cost = tf.tidy(() => optimizer.minimize(() => fastLoss(s), true)!);
      const value = (await cost.data())[0]!;
      cost.dispose();
      if (i === 0) firstLoss = value;
      if (i >= warmup) times.push(performance.now() - t0);
    }
  } finally {
    optimizer.dispose();
    tf.dispose([s.xs, s.xt, s.x, s.ys, ...s.weights]);
  }
  return { ms: Math.round(medianOf(times) * 100) / 100, firstLoss };
}
