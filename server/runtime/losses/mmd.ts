import * as tf from '@tensorflow/tfjs';
import { customOp } from '../ops/custom-op';
import { pairwiseSquaredDistances } from '../ops/squared-distances';
import { DDC_ALPHAS, type MmdBandwidth, type MmdKernel } from '../../../nodes/mmd-adaptation/mmd-kernels';
import { linearMmd2Joint } from './linear-mmd';

export type MmdEstimator = 'unbiased' | 'biased' | 'linear';

export interface MmdOptions {
  /** 'gaussian' (default) or 'linear' (⟨a, b⟩; alphas and bandwidth unused, see linear-mmd.ts). */
  readonly kernel?: MmdKernel;
  /** Bandwidth multipliers: kernel u is exp(−d²/(2·αᵤ·s)). Default {@link DDC_ALPHAS}. */
  readonly alphas?: readonly number[];
  /**
   * s: 'mean' (default) pairwise squared distance of the joint batch; 'median': half the median pairwise squared
   * distance (off the diagonal), so that α = 1 is Long et al.'s exp(−d²/γ) with the median heuristic γ.
   */
  readonly bandwidth?: MmdBandwidth;
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
 * exp(−d²/(2αᵤσ²)) for each α, in the order given. exp is the costliest element-wise op on WASM, so an α that is
 * an already computed one divided by 2^k (k ≤ 8, to bound float32 rounding) is obtained from it by k squarings:
 * exp(−x/α)^(2^k) = exp(−x·2^k/α). DAN's five multiples take one exp; Long et al.'s 33 (steps of 2^½) take four.
 */
function gaussianKernels(sqDist: tf.Tensor, sigma2: tf.Scalar, alphas: readonly number[]): tf.Tensor[] {
  const chains: { alpha: number; powers: tf.Tensor[] }[] = []; // powers[k] = base^(2^k)
  const out: tf.Tensor[] = new Array<tf.Tensor>(alphas.length);
  const widestFirst = alphas.map((a, i) => [a, i] as const).sort((x, y) => y[0] - x[0]);
  for (const [alpha, i] of widestFirst) {
    const chain = chains.find((c) => {
      const k = Math.log2(c.alpha / alpha);
      return Math.abs(k - Math.round(k)) < 1e-9 && Math.round(k) <= 8;
    });
    if (!chain) {
      chains.push({ alpha, powers: [tf.exp(tf.div(sqDist, tf.mul(sigma2, -2 * alpha)))] });
      out[i] = chains[chains.length - 1]!.powers[0]!;
      continue;
    }
    const k = Math.round(Math.log2(chain.alpha / alpha));
    while (chain.powers.length <= k) chain.powers.push(tf.square(chain.powers[chain.powers.length - 1]!));
    out[i] = chain.powers[k]!;
  }
  return out;
}

function combineKernels(kernels: tf.Tensor[], combine: 'mean' | 'sum'): tf.Tensor {
  const total = kernels.length === 1 ? kernels[0]! : tf.addN(kernels);
  return combine === 'mean' && kernels.length > 1 ? tf.div(total, kernels.length) : total;
}

/**
 * Half the median of the off-diagonal entries of a pairwise squared-distance matrix [N, N]. Each pair appears
 * twice and the N diagonal zeros are the smallest entries, so the median of the N(N−1) off-diagonal entries is
 * the (N(N−1)/2)-th largest of all N² (the upper of the two middle values).
 */
export function halfMedianSquaredDistance(sqDist: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const n = sqDist.shape[0];
    const k = Math.max(1, (n * (n - 1)) / 2);
    return tf.mul(tf.min(tf.topk(tf.reshape(sqDist, [-1]), k).values), 0.5) as tf.Scalar;
  });
}

/** The bandwidth statistic s of the joint batch, guarded against 0 when every sample is identical. */
function bandwidth(joint: tf.Tensor2D, kind: MmdBandwidth = 'mean', sqDist?: tf.Tensor2D): tf.Scalar {
  const s = kind === 'median' ? halfMedianSquaredDistance(sqDist ?? pairwiseSquaredDistances(joint)) : meanPairwiseSquaredDistance(joint);
  return tf.maximum(s, 1e-12) as tf.Scalar;
}

/**
 * The bandwidth as a constant of the step: computed inside an op's forward, so the tape records none of its ops
 * (the median's TopK has no gradient in TF.js) and it passes no gradient back.
 */
function constantBandwidth(joint: tf.Tensor2D, kind: MmdBandwidth = 'mean'): tf.Scalar {
  const op = customOp(([z], save) => {
    save([z!]);
    return { value: bandwidth(z as tf.Tensor2D, kind), gradFunc: (_dy, saved) => tf.zerosLike(saved[0]!) };
  });
  return op(joint) as tf.Scalar;
}

/**
 * The quadratic-time estimators as one op with a hand-written gradient. Autodiff through the ~20 element-wise
 * [N, N] ops would cost ~30 more passes over the kernel matrix; the closed form needs a handful:
 * L = Σᵢⱼ Wᵢⱼ·K(Dᵢⱼ), Dᵢⱼ = ‖zᵢ − zⱼ‖², M = ∂L/∂D = W ∘ Σᵤ cᵤ·Kᵤ with cᵤ = −1/(2αᵤσ²) (÷ k for 'mean'), and since
 * M is symmetric, ∂L/∂Z = 4·(rowsum(M) ∘ Z − M·Z). σ² is a constant here (no gradient through the bandwidth).
 */
function quadraticMmd(joint: tf.Tensor2D, weights: Float32Array, alphas: readonly number[], combine: 'mean' | 'sum', kind: MmdBandwidth): tf.Scalar {
  const size = joint.shape[0];
  const op = customOp(([z], save) => {
    const zz = z as tf.Tensor2D;
    const sqDist = pairwiseSquaredDistances(zz);
    const sigma2 = bandwidth(zz, kind, sqDist);
    const kernels = gaussianKernels(sqDist, sigma2, alphas);
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
  if (options.kernel === 'linear') return tf.tidy(() => linearMmd2Joint(tf.concat([source, target], 0), source.shape[0], options.estimator ?? 'unbiased'));
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
      const sigma2 = constantBandwidth(joint, options.bandwidth);
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
    return quadraticMmd(joint, estimatorWeights(n, m, unbiased), alphas, combine, options.bandwidth ?? 'mean');
  });
}

/**
 * MMD² of the first `n` rows of `joint` (source) against the rest (target): {@link mmd2} without splitting a batch
 * that a training step forwarded as one ([source; target]) only for mmd2 to concatenate it again.
 */
export function mmd2Joint(joint: tf.Tensor2D, n: number, options: MmdOptions = {}): tf.Scalar {
  const m = joint.shape[0] - n;
  const estimator = options.estimator ?? 'unbiased';
  if (options.kernel === 'linear') return linearMmd2Joint(joint, n, estimator);
  if (estimator === 'linear') return tf.tidy(() => mmd2(tf.slice(joint, 0, n), tf.slice(joint, n, m), options));
  const alphas = options.alphas ?? DDC_ALPHAS;
  if (alphas.length === 0 || alphas.some((a) => !(a > 0))) throw new Error(`mmd2: alphas must be positive numbers, got [${alphas.join(', ')}]`);
  const unbiased = estimator === 'unbiased';
  if (n < 1 || m < 1 || (unbiased && (n < 2 || m < 2))) return noSignal(joint);
  return quadraticMmd(joint, estimatorWeights(n, m, unbiased), alphas, options.combine ?? 'mean', options.bandwidth ?? 'mean');
}
