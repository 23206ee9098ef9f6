import * as tf from '@tensorflow/tfjs';
import { customOp } from '../ops/custom-op';
import { pairwiseSquaredDistances } from '../ops/squared-distances';
import { stopGradient } from '../ops/stop-gradient';

/** DDC: one Gaussian kernel at the mean-distance bandwidth. */
export const DDC_ALPHAS: readonly number[] = [1];
/** DAN: the multi-kernel family α ∈ {2⁻³, 2⁻², 2⁻¹, 1, 2}. */
export const DAN_ALPHAS: readonly number[] = [0.125, 0.25, 0.5, 1, 2];

export type MmdEstimator = 'unbiased' | 'biased' | 'linear';

export interface MmdOptions {
  /** Bandwidth multipliers: kernel u is exp(−d²/(2·αᵤ·σ̄²)). Default {@link DDC_ALPHAS}. */
  readonly alphas?: readonly number[];
  /**
   * 'unbiased' (default): U-statistic, diagonal of the within-domain blocks excluded (DAN).
   * 'biased': V-statistic, all pairs; exactly 0 when source and target are the same set.
   * 'linear': Gretton et al.'s linear-time estimator over consecutive pairs (uses ⌊min(n, m)/2⌋ pairs).
   */
  readonly estimator?: MmdEstimator;
  /**
   * How kernels combine: 'mean' (default) is DAN's convex combination with equal weights βᵤ = 1/k, so a
   * five-kernel and a one-kernel MMD are on the same scale; 'sum' adds them (as TLlib does).
   */
  readonly combine?: 'mean' | 'sum';
}

/**
 * Mean squared distance over all ordered pairs i ≠ j of the rows of z, in O(N·d):
 * Σᵢⱼ‖zᵢ − zⱼ‖² = 2N·Σᵢ‖zᵢ − z̄‖², so the mean over N(N−1) pairs is 2·Σᵢ‖zᵢ − z̄‖²/(N−1). Centring first keeps
 * it accurate when features have a large common offset.
 */
export function meanPairwiseSquaredDistance(z: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const n = z.shape[0];
    if (n < 2) throw new Error(`meanPairwiseSquaredDistance: need at least 2 rows, got ${n}`);
    const centred = tf.sub(z, tf.mean(z, 0, true));
    return tf.mul(tf.sum(tf.square(centred)), 2 / (n - 1)) as tf.Scalar;
  });
}

const weightCache = new Map<string, Float32Array>();

/**
 * The constant matrix W with MMD² = Σᵢⱼ Wᵢⱼ·Kᵢⱼ over the joint kernel matrix of [source; target]:
 * source block 1/n² (unbiased: 1/(n(n−1)), zero diagonal), target block likewise, cross blocks −1/(nm).
 */
function estimatorWeights(n: number, m: number, unbiased: boolean): Float32Array {
  const key = `${n}:${m}:${unbiased}`;
  let w = weightCache.get(key);
  if (w !== undefined) return w;
  const size = n + m;
  w = new Float32Array(size * size);
  const ss = unbiased ? 1 / (n * (n - 1)) : 1 / (n * n);
  const tt = unbiased ? 1 / (m * (m - 1)) : 1 / (m * m);
  const st = -1 / (n * m);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const si = i < n;
      const sj = j < n;
      w[i * size + j] = si && sj ? ss : !si && !sj ? tt : st;
    }
    if (unbiased) w[i * size + i] = 0;
  }
  if (weightCache.size > 16) weightCache.clear();
  weightCache.set(key, w);
  return w;
}

/**
 * exp(−d²/(2αᵤσ²)) for each α, in the order given. exp is the costliest element-wise op on WASM, so when an α is
 * the largest α divided by 2^k (as in DAN's family) its kernel is obtained from the widest one by k squarings:
 * exp(−x/α)^(2^k) = exp(−x·2^k/α). Other α get their own exp.
 */
function gaussianKernels(sqDist: tf.Tensor, sigma2: tf.Scalar, alphas: readonly number[]): tf.Tensor[] {
  const widest = Math.max(...alphas);
  const powers = [tf.exp(tf.div(sqDist, tf.mul(sigma2, -2 * widest)))]; // powers[k] = base^(2^k)
  return alphas.map((alpha) => {
    const k = Math.log2(widest / alpha);
    if (Number.isInteger(k) && k <= 8) {
      while (powers.length <= k) powers.push(tf.square(powers[powers.length - 1]!));
      return powers[k]!;
    }
    return tf.exp(tf.div(sqDist, tf.mul(sigma2, -2 * alpha)));
  });
}

function combineKernels(kernels: tf.Tensor[], combine: 'mean' | 'sum'): tf.Tensor {
  const total = kernels.length === 1 ? kernels[0]! : tf.addN(kernels);
  return combine === 'mean' && kernels.length > 1 ? tf.div(total, kernels.length) : total;
}

/** Guard against a zero bandwidth when every sample is identical. */
function bandwidth(joint: tf.Tensor2D): tf.Scalar {
  return tf.maximum(meanPairwiseSquaredDistance(joint), 1e-12) as tf.Scalar;
}

/**
 * The quadratic-time estimators as one op with a hand-written gradient. Autodiff through the ~20 element-wise
 * [N, N] ops would cost ~30 more passes over the kernel matrix; the closed form needs a handful:
 * L = Σᵢⱼ Wᵢⱼ·K(Dᵢⱼ), Dᵢⱼ = ‖zᵢ − zⱼ‖², M = ∂L/∂D = W ∘ Σᵤ cᵤ·Kᵤ with cᵤ = −1/(2αᵤσ²) (÷ k for 'mean'), and since
 * M is symmetric, ∂L/∂Z = 4·(rowsum(M) ∘ Z − M·Z). σ² is a constant here (no gradient through the bandwidth).
 */
function quadraticMmd(joint: tf.Tensor2D, weights: Float32Array, alphas: readonly number[], combine: 'mean' | 'sum'): tf.Scalar {
  const size = joint.shape[0];
  const op = customOp(([z], save) => {
    const zz = z as tf.Tensor2D;
    const sigma2 = bandwidth(zz);
    const kernels = gaussianKernels(pairwiseSquaredDistances(zz), sigma2, alphas);
    const w = tf.tensor2d(weights, [size, size]);
    const value = tf.sum(tf.mul(combineKernels(kernels, combine), w));
    save([zz, sigma2, w, ...kernels]);
    return {
      value,
      gradFunc: (dy, saved) => {
        const [sz, sSigma2, sw, ...sKernels] = saved as [tf.Tensor2D, tf.Scalar, tf.Tensor2D, ...tf.Tensor[]];
        const scale = combine === 'mean' && alphas.length > 1 ? 1 / alphas.length : 1;
        // cᵤ·Kᵤ summed, then one multiply by W·dy (a scalar upstream folds into the coefficient).
        const terms = sKernels.map((k, u) => tf.mul(k, tf.div(tf.mul(dy, -scale / (2 * alphas[u]!)), sSigma2)));
        const m = tf.mul(terms.length === 1 ? terms[0]! : tf.addN(terms), sw) as tf.Tensor2D;
        return tf.mul(tf.sub(tf.mul(tf.sum(m, 1, true), sz), tf.matMul(m, sz)), 4);
      },
    };
  });
  return op(joint) as tf.Scalar;
}

/** 0, still connected to the inputs so that differentiating a loss made of it alone does not fail. */
function noSignal(joint: tf.Tensor): tf.Scalar {
  return tf.mul(tf.sum(joint), 0) as tf.Scalar;
}

/**
 * Squared maximum mean discrepancy between a source batch [n, d] and a target batch [m, d] with Gaussian kernels
 * exp(−d²/(2σ²)), σ² = α·(mean pairwise squared distance of the joint batch). The bandwidth is a batch statistic
 * and receives no gradient. Differentiable with respect to both batches; every matMul in it is plain (fast on WASM).
 * A batch too small for the estimator (fewer than 2 samples of a domain for 'unbiased' and 'linear', e.g. the
 * remainder batch of an epoch) yields 0 — no alignment signal from that batch — rather than failing the run.
 */
export function mmd2(source: tf.Tensor2D, target: tf.Tensor2D, options: MmdOptions = {}): tf.Scalar {
  const alphas = options.alphas ?? DDC_ALPHAS;
  const estimator = options.estimator ?? 'unbiased';
  const combine = options.combine ?? 'mean';
  if (alphas.length === 0 || alphas.some((a) => !(a > 0))) throw new Error(`mmd2: alphas must be positive numbers, got [${alphas.join(', ')}]`);
  const [n, d] = source.shape;
  const [m, dt] = target.shape;
  if (d !== dt) throw new Error(`mmd2: source has ${d} features but target has ${dt}`);
  return tf.tidy(() => {
    const joint = tf.concat([source, target], 0);
    if (estimator === 'linear') {
      const sigma2 = stopGradient(bandwidth(joint));
      const pairs = Math.floor(Math.min(n, m) / 2);
      if (pairs < 1) return noSignal(joint);
      const [s1, s2] = tf.split(source.slice([0, 0], [2 * pairs, d]).reshape([pairs, 2 * d]), 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      const [t1, t2] = tf.split(target.slice([0, 0], [2 * pairs, d]).reshape([pairs, 2 * d]), 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      const k = (a: tf.Tensor2D, b: tf.Tensor2D) => combineKernels(gaussianKernels(tf.sum(tf.squaredDifference(a, b), 1), sigma2, alphas), combine);
      // h = k(s₁,s₂) + k(t₁,t₂) − k(s₁,t₂) − k(s₂,t₁), averaged over the pairs.
      const h = tf.sub(tf.add(k(s1, s2), k(t1, t2)), tf.add(k(s1, t2), k(s2, t1)));
      return tf.mean(h) as tf.Scalar;
    }

    const unbiased = estimator === 'unbiased';
    if (n < 1 || m < 1 || (unbiased && (n < 2 || m < 2))) return noSignal(joint);
    return quadraticMmd(joint, estimatorWeights(n, m, unbiased), alphas, combine);
  });
}

/**
 * MMD² of the first `n` rows of `joint` (source) against the rest (target): {@link mmd2} without splitting a batch
 * that a training step forwarded as one ([source; target]) only for mmd2 to concatenate it again.
 */
export function mmd2Joint(joint: tf.Tensor2D, n: number, options: MmdOptions = {}): tf.Scalar {
  const m = joint.shape[0] - n;
  const estimator = options.estimator ?? 'unbiased';
  if (estimator === 'linear') return tf.tidy(() => mmd2(tf.slice(joint, 0, n), tf.slice(joint, n, m), options));
  const alphas = options.alphas ?? DDC_ALPHAS;
  if (alphas.length === 0 || alphas.some((a) => !(a > 0))) throw new Error(`mmd2: alphas must be positive numbers, got [${alphas.join(', ')}]`);
  const unbiased = estimator === 'unbiased';
  if (n < 1 || m < 1 || (unbiased && (n < 2 || m < 2))) return noSignal(joint);
  return quadraticMmd(joint, estimatorWeights(n, m, unbiased), alphas, options.combine ?? 'mean');
}
