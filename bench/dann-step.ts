/**
 * One DANN training step (brief §3): MLP 784→256→128 feature extractor + 10-class head, batch 128 source +
 * 128 target, classification CE + MK-MMD² on the 128-d features + gradient-reversal domain classifier
 * (128→64→1), Adam. Measured on the selected TF.js backend (WASM here) for a naive version (plain tf.matMul
 * under autodiff, whose gradients use transposed matMuls) and for the runtime's fast ops, and side by side with
 * PyTorch CPU on one thread (bench/dann_step.py) when /usr/bin/python3 has torch.
 * Run: `npx tsx bench/dann-step.ts` or `npm run bench -- dann`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { selectBackend, type Tf } from '../server/runtime/backend/select-backend';
import { sparseSoftmaxCrossEntropy } from '../server/runtime/losses/cross-entropy';
import { domainLoss } from '../server/runtime/losses/domain-loss';
import { MEAN_MULTIPLE_ALPHAS as DAN_ALPHAS } from '../nodes/mmd-adaptation/mmd-kernels';
import { mmd2 } from '../server/runtime/losses/mmd';
import { dense } from '../server/runtime/ops/dense';
import { gradientReversal } from '../server/runtime/ops/gradient-reversal';
import { SeededRandom, glorotUniformValues } from '../server/runtime/ops/seeded-random';
import { stopGradient } from '../server/runtime/ops/stop-gradient';
import type * as tfTypes from '@tensorflow/tfjs';

type Tensor = tfTypes.Tensor;
type Tensor1D = tfTypes.Tensor1D;
type Tensor2D = tfTypes.Tensor2D;

const BATCH = 128;
const LAYERS: Array<[number, number]> = [
  [784, 256], // feature extractor
  [256, 128],
  [128, 10], // class head
  [128, 64], // domain classifier
  [64, 1],
];

export interface DannStepBenchResult {
  backend: string;
  /** Median ms per step, naive TF.js (plain matMul autodiff). */
  naiveMs: number;
  /** Median ms per step with the runtime's fast ops. */
  fastMs: number;
  /** Median ms per step, PyTorch CPU, one thread; null when torch is not available. */
  pytorchMs: number | null;
  /** fastMs / pytorchMs. */
  ratioToPytorch: number | null;
  /** naiveMs / fastMs. */
  speedup: number;
  /**
   * The same medians in CPU time of the measuring process (TF.js WASM and PyTorch here both run on one thread).
   * On a shared, loaded machine wall-clock medians swing with other processes; CPU time barely does.
   */
  cpu: { naiveMs: number; fastMs: number; pytorchMs: number | null; ratioToPytorch: number | null };
  simd: boolean;
  steps: number;
}

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function measure(s: Setup, loss: (s: Setup) => tfTypes.Scalar, warmup: number, steps: number): { ms: number; cpuMs: number; firstLoss: number } {
  const { tf } = s;
  const optimizer = tf.train.adam(1e-3);
  const before = tf.memory().numTensors;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let firstLoss = Number.NaN;
  for (let i = 0; i < warmup + steps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const value = tf.tidy(() => {
      const cost = optimizer.minimize(() => loss(s), true);
      // Reading the loss forces the step to finish on any backend.
      return cost!.dataSync()[0]!;
    });
    const t1 = performance.now();
    const cpu = process.cpuUsage(c0);
    if (i === 0) firstLoss = value;
    if (i >= warmup) {
      times.push(t1 - t0);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
  }
  optimizer.dispose();
  // Adam's moment variables are freed by dispose(); anything else left would be a leak in the step.
  const leaked = tf.memory().numTensors - before;
  if (leaked > 0) throw new Error(`dann-step bench: ${leaked} tensors leaked per run`);
  return { ms: median(times), cpuMs: median(cpuTimes), firstLoss };
}

function runPytorch(steps: number): { ms: number; cpuMs: number } | null {
  const python = '/usr/bin/python3';
  const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.status !== 0) return null;
  const script = fileURLToPath(new URL('./dann_step.py', import.meta.url));
  const run = spawnSync(python, [script, '5', String(steps)], { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) throw new Error(`bench/dann_step.py failed: ${run.stderr.trim().split('\n').pop() ?? run.status}`);
  const line = run.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as { ms: number; cpuMs: number };
}

export async function dannStepBench(options: { steps?: number; warmup?: number; seed?: number } = {}): Promise<DannStepBenchResult> {
  const steps = Math.max(20, options.steps ?? 30);
  const warmup = options.warmup ?? 5;
  const { name, tf } = await selectBackend();
  const s = setup(tf, options.seed ?? 0);
  try {
    // Both versions start from the same weights; they must compute the same loss.
    const snapshot = s.weights.map((w) => w.clone());
    const naive = measure(s, naiveLoss, warmup, steps);
    s.weights.forEach((w, i) => w.assign(snapshot[i]!));
    const fast = measure(s, fastLoss, warmup, steps);
    tf.dispose(snapshot);
    if (Math.abs(naive.firstLoss - fast.firstLoss) > 1e-3 * Math.max(1, Math.abs(naive.firstLoss))) {
      throw new Error(`dann-step bench: naive and fast first-step losses differ (${naive.firstLoss} vs ${fast.firstLoss})`);
    }
    const torch = runPytorch(steps);
    return {
      backend: name,
      naiveMs: round(naive.ms),
      fastMs: round(fast.ms),
      pytorchMs: torch === null ? null : round(torch.ms),
      ratioToPytorch: torch === null ? null : round(fast.ms / torch.ms),
      speedup: round(naive.ms / fast.ms),
      cpu: {
        naiveMs: round(naive.cpuMs),
        fastMs: round(fast.cpuMs),
        pytorchMs: torch === null ? null : round(torch.cpuMs),
        ratioToPytorch: torch === null ? null : round(fast.cpuMs / torch.cpuMs),
      },
      simd: Boolean(tf.env().getBool('WASM_HAS_SIMD_SUPPORT')),
      steps,
    };
  } finally {
    tf.dispose([s.xs, s.xt, s.x, s.ys, ...s.weights]);
  }
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await dannStepBench();
  console.log(`TF.js backend: ${result.backend}`);
  console.log(JSON.stringify(result, null, 2));
}
