import * as tf from '@tensorflow/tfjs';
import { domainLossJoint } from '../losses/domain-loss';
import { FlatParams } from '../train/flat-params';
import { param, withParams } from '../ops/param-binding';
import { withStepArena } from '../ops/step-arena';
import { pairwiseSquaredDistances } from '../ops/squared-distances';
import { dense } from '../ops/dense';
import { glorotUniform } from '../ops/glorot-uniform';
import { SeededRandom } from '../ops/seeded-random';
import { nextTurn } from '../train/event-loop-yielder';

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
export async function mmdDistance(a: tf.Tensor2D, b: tf.Tensor2D, options: MmdDistanceOptions = {}): Promise<number> {
  if (a.shape[1] !== b.shape[1]) throw new Error(`mmdDistance: ${a.shape[1]} vs ${b.shape[1]} features`);
  if (a.shape[0] < 1 || b.shape[0] < 1) throw new Error('mmdDistance: both sets need at least one row');
  const rng = new SeededRandom(options.seed ?? 0);
  const max = options.maxSamples ?? 500;
  const [n, m, d2] = tf.tidy(() => {
    const sa = sampleRows(a, max, rng);
    const sb = sampleRows(b, max, rng);
    return [sa.shape[0], sb.shape[0], pairwiseSquaredDistances(tf.concat([sa, sb], 0))] as const;
  });
  // Read asynchronously: WebGPU in Node has no synchronous read.
  const values = await d2.data();
  d2.dispose();
  return mmdFromDistances(values, n, m, options.bandwidth ?? 'median');
}

/** Biased MMD² from the pairwise squared distances of [a; b] (n + m rows), σ² by the median or mean heuristic. */
function mmdFromDistances(values: ArrayLike<number>, n: number, m: number, bandwidth: 'median' | 'mean'): number {
  const size = n + m;
  // A typed array sorts numerically without a comparator: ~10× faster than number[] with one (180k pairs at 600 rows).
  const off = new Float64Array((size * (size - 1)) / 2);
  let k = 0;
  for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) off[k++] = values[i * size + j]!;
  let sigma2: number;
  if (off.length === 0) sigma2 = 1;
  else if (bandwidth === 'mean') sigma2 = off.reduce((s, v) => s + v, 0) / off.length;
  else {
    off.sort();
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
}

export type ProxyAClassifierKind = 'logistic' | 'mlp';

/** Hidden ReLU units of the MLP domain classifier: enough to bend around curved domains, cheap at width 64. */
export const PROXY_A_MLP_HIDDEN = 16;

/** The MLP domain classifier in words, to label which classifier a proxy A-distance figure used. */
export const MLP_PROXY_A = `MLP (${PROXY_A_MLP_HIDDEN} ReLU units), trained on half of each domain, error on the other half`;
/** The logistic-regression domain classifier in words. */
export const LOGISTIC_PROXY_A = 'logistic regression, trained on half of each domain, error on the other half';

/** Each domain classifier in words, by kind. */
export const PROXY_A_CLASSIFIERS: Readonly<Record<ProxyAClassifierKind, string>> = { logistic: LOGISTIC_PROXY_A, mlp: MLP_PROXY_A };

/** Default: the MLP, because a linear classifier reads ≈ 0 on shifts no hyperplane separates (e.g. a rotation). */
export const DEFAULT_PROXY_A_CLASSIFIER: ProxyAClassifierKind = 'mlp';

const DEFAULTS: Readonly<Record<ProxyAClassifierKind, { steps: number; learningRate: number }>> = {
  logistic: { steps: 300, learningRate: 0.05 },
  // Two moons, 2×400 rows: 100 steps at 0.05 read as high as 200 at 0.03, in half the time (~150 ms on wasm).
  mlp: { steps: 100, learningRate: 0.05 },
};

export interface ProxyADistanceOptions {
  /** Rows used per domain (the smaller domain's count caps both, to keep classes balanced); default 1000. */
  readonly maxSamples?: number;
  /** The domain classifier; default DEFAULT_PROXY_A_CLASSIFIER ('mlp'). */
  readonly classifier?: ProxyAClassifierKind;
  /** Full-batch Adam steps; default 300 (logistic), 100 (mlp). */
  readonly steps?: number;
  /** Adam learning rate; default 0.05 for both. */
  readonly learningRate?: number;
  /** L2 penalty on the weights (not the biases); default 1e-3. */
  readonly l2?: number;
}

export interface ProxyADistanceResult {
  /** 2(1 − 2ε), clipped to [0, 2]. */
  readonly proxyA: number;
  /** Held-out error ε of the domain classifier. */
  readonly error: number;
  /** Which classifier measured ε: PROXY_A_CLASSIFIERS[kind]. */
  readonly classifier: string;
}

interface DomainClassifier {
  readonly variables: tf.Variable[];
  /** The weights the L2 penalty applies to. */
  readonly kernels: tf.Variable[];
  logits(x: tf.Tensor2D): tf.Tensor2D;
}

function logisticClassifier(d: number): DomainClassifier {
  // Variables outlive tidy; their zero initialisers do not.
  const w = tf.tidy(() => tf.variable(tf.zeros([d, 1]) as tf.Tensor2D));
  const b = tf.tidy(() => tf.variable(tf.zeros([1]) as tf.Tensor1D));
  return { variables: [w, b], kernels: [w], logits: (x) => dense(x, param(w), param(b), { inputGrad: false }) };
}

function mlpClassifier(d: number, rng: SeededRandom): DomainClassifier {
  const h = PROXY_A_MLP_HIDDEN;
  const w1 = tf.tidy(() => tf.variable(glorotUniform(rng.fork('w1'), d, h)));
  const b1 = tf.tidy(() => tf.variable(tf.zeros([h]) as tf.Tensor1D));
  const w2 = tf.tidy(() => tf.variable(glorotUniform(rng.fork('w2'), h, 1)));
  const b2 = tf.tidy(() => tf.variable(tf.zeros([1]) as tf.Tensor1D));
  const logits = (x: tf.Tensor2D): tf.Tensor2D => dense(dense(x, param(w1), param(b1), { activation: 'relu', inputGrad: false }), param(w2), param(b2));
  return { variables: [w1, b1, w2, b2], kernels: [w1, w2], logits };
}

interface Halves {
  readonly trainX: tf.Tensor2D;
  readonly trainY: tf.Tensor1D;
  readonly testX: tf.Tensor2D;
  readonly testY: tf.Tensor1D;
}

/** `count` rows of `x` in random order — always shuffled, so rows stored in order (by class, by time) split fairly. */
function shuffledRows(x: tf.Tensor2D, count: number, rng: SeededRandom): tf.Tensor2D {
  return tf.gather(x, tf.tensor1d(rng.permutation(x.shape[0]).slice(0, count), 'int32'));
}

/** `per` random rows of each domain, first half for training, the rest held out; standardised with training statistics. */
function splitHalves(a: tf.Tensor2D, b: tf.Tensor2D, per: number, rng: SeededRandom): Halves {
  const d = a.shape[1];
  const half = per >> 1;
  return tf.tidy(() => {
    const sa = shuffledRows(a, per, rng);
    const sb = shuffledRows(b, per, rng);
    const trX = tf.concat([sa.slice([0, 0], [half, d]), sb.slice([0, 0], [half, d])]);
    const teX = tf.concat([sa.slice([half, 0], [per - half, d]), sb.slice([half, 0], [per - half, d])]);
    const { mean, variance } = tf.moments(trX, 0);
    const std = tf.add(tf.sqrt(variance), 1e-6);
    return {
      trainX: tf.div(tf.sub(trX, mean), std) as tf.Tensor2D,
      trainY: tf.concat([tf.ones([half]), tf.zeros([half])]) as tf.Tensor1D,
      testX: tf.div(tf.sub(teX, mean), std) as tf.Tensor2D,
      testY: tf.concat([tf.ones([per - half]), tf.zeros([per - half])]) as tf.Tensor1D,
    };
  });
}

/**
 * Full-batch Adam on BCE + L2; returns the held-out error. Trained like a stage (train/stage-step.ts): one flat
 * parameter vector, the closed-form BCE and a step arena — it runs three times per run and twice per model.
 */
async function fitAndScore(model: DomainClassifier, data: Halves, steps: number, learningRate: number, l2: number): Promise<number> {
  const optimizer = tf.train.adam(learningRate);
  const flat = new FlatParams(model.variables);
  const labels = tf.reshape(data.trainY, [-1, 1]) as tf.Tensor2D;
  try {
    for (let step = 0; step < steps; step++) {
      tf.tidy(() => {
        withStepArena(() =>
          optimizer.minimize(
            () =>
              withParams(flat.views(), () => {
                const penalty = tf.addN(model.kernels.map((k) => tf.sum(tf.square(param(k)))));
                return tf.add(domainLossJoint(model.logits(data.trainX), labels), tf.mul(penalty, l2)) as tf.Scalar;
              }),
            false,
            [flat.flat],
          ),
        );
      });
      // Yield now and then so a long computation does not starve the event loop.
      if (step % 50 === 49) await nextTurn();
    }
    flat.writeBack();
    const error = tf.tidy(() => {
      const predicted = tf.greater(model.logits(data.testX).reshape([-1]), 0).toFloat();
      return tf.mean(tf.notEqual(predicted, data.testY).toFloat());
    });
    const value = (await error.data())[0]!;
    error.dispose();
    return value;
  } finally {
    labels.dispose();
    flat.dispose();
    optimizer.dispose();
  }
}

/**
 * Proxy A-distance (Ben-David et al.): train a domain classifier (a vs b) on half of each domain, measure its
 * error ε on the other half; PAD = 2(1 − 2ε), clipped to [0, 2]. ≈ 0 when the domains are indistinguishable to
 * that classifier, 2 when perfectly separable. The default MLP also sees non-linear shifts; 'logistic' only
 * those a hyperplane separates. Features are standardised with training statistics. Deterministic for a seed.
 */
export async function proxyADistance(a: tf.Tensor2D, b: tf.Tensor2D, seed = 0, options: ProxyADistanceOptions = {}): Promise<ProxyADistanceResult> {
  const d = a.shape[1];
  if (d !== b.shape[1]) throw new Error(`proxyADistance: ${d} vs ${b.shape[1]} features`);
  const per = Math.min(a.shape[0], b.shape[0], options.maxSamples ?? 1000);
  if (per < 4) throw new Error(`proxyADistance: need at least 4 rows per domain, got ${a.shape[0]} and ${b.shape[0]}`);
  const kind = options.classifier ?? DEFAULT_PROXY_A_CLASSIFIER;
  const rng = new SeededRandom(seed);
  const data = splitHalves(a, b, per, rng);
  const model = kind === 'mlp' ? mlpClassifier(d, rng) : logisticClassifier(d);
  try {
    const steps = options.steps ?? DEFAULTS[kind].steps;
    const error = await fitAndScore(model, data, steps, options.learningRate ?? DEFAULTS[kind].learningRate, options.l2 ?? 1e-3);
    return { proxyA: Math.min(2, Math.max(0, 2 * (1 - 2 * error))), error, classifier: PROXY_A_CLASSIFIERS[kind] };
  } finally {
    tf.dispose([...model.variables, data.trainX, data.trainY, data.testX, data.testY]);
  }
}
