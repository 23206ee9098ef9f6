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
import { selectBackend } from '../server/runtime/backend/select-backend';
import { naiveLoss, fastLoss, setup, type Setup } from './dann-step-model';
import type * as tfTypes from '@tensorflow/tfjs';

export { naiveLoss, fastLoss, setup, type Setup };

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
