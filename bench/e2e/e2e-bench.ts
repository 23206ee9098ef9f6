/**
 * `npm run bench -- e2e`: whole runs through runPlan — what users run, not an isolated step — side by side in
 * the same invocation with PyTorch CPU doing exactly the same work (bench/e2e/e2e_torch.py: same rows, network,
 * optimiser, batch size and optimiser steps for every model the run trains) on one thread, plus PyTorch's default
 * threads. Ours runs with one model worker (this process, one thread) so that both sides use one core.
 * Reports wall and CPU seconds per run, per-step ratios over the training loop alone, peak RSS and tensor counts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runPlan } from '../../server/runtime/run-plan';
import { stageClock } from '../../server/runtime/train/stage-clock';
import { e2eCases, type E2eCase } from './e2e-cases';
import { scalingBench } from './scaling';
import { stepBreakdown, type StepBreakdown } from './step-breakdown';
import { torchWork } from './torch-work';

const PYTHON = '/usr/bin/python3';

export interface TorchRun { wall: number; cpu: number; threads: number; steps: number; trainWall: number; models: { track: string; testAccuracy: number | null }[] }

export interface E2eRow {
  case: string;
  steps: number;
  ours: {
    wall: number;
    cpu: number;
    trainWall: number;
    msPerStep: number;
    /** Reports' share of the training loop, and their parts in ms per step (read-back, evaluation, events + checkpoints). */
    reportShare: number;
    reportPerStep: { sync: number; evaluation: number; events: number };
    /** Seconds of the run outside training loops and reports (data, distances, scoring, pictures, process start). */
    outsideLoop: number;
    accuracy: Record<string, number | null>;
    /** Live tensors at the method's reports (second to last): equal when nothing leaks per epoch. */
    tensors: { first: number; last: number; max: number };
    rssMb: number;
  };
  breakdown: StepBreakdown;
  torch1: TorchRun | null;
  torchDefault: TorchRun | null;
  /** ours / PyTorch (1 thread): whole run (wall), whole run (CPU), training loop per step (wall). */
  ratio: { run: number; runCpu: number; step: number } | null;
}

export function torchAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { timeout: 60_000 }).status === 0;
}

function runTorch(workFile: string, threads: number): TorchRun {
  const r = spawnSync(PYTHON, [join(import.meta.dirname, 'e2e_torch.py'), workFile, String(threads)], { encoding: 'utf8', timeout: 1_800_000 });
  if (r.status !== 0) throw new Error(`e2e_torch.py failed: ${r.stderr.slice(-2000)}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { wall: number; cpu: number; threads: number; models: { track: string; steps: number; wall: number; testAccuracy: number | null }[] };
  return { ...out, steps: out.models.reduce((s, m) => s + m.steps, 0), trainWall: out.models.reduce((s, m) => s + m.wall, 0) };
}

async function runOurs(c: E2eCase): Promise<E2eRow['ours'] & { steps: number }> {
  stageClock.reset();
  const tensors: number[] = [];
  const onEvent = (e: { type: string; track?: string }) => {
    if (e.type === 'epoch' && e.track === 'method') tensors.push(tf.memory().numTensors);
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await runPlan(c.plan(), { onEvent, parallelism: 1 });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const clock = stageClock.snapshot();
  const accuracy = Object.fromEntries(Object.entries(r.models).map(([k, m]) => [k, m?.splits.test?.accuracy?.mean ?? null]));
  return {
    wall,
    cpu: (cpu.user + cpu.system) / 1e6,
    trainWall: clock.stepMs / 1000,
    steps: clock.steps,
    msPerStep: clock.stepMs / Math.max(1, clock.steps),
    reportShare: clock.reportMs / Math.max(1e-9, clock.stepMs + clock.reportMs),
    reportPerStep: { sync: clock.syncMs / clock.steps, evaluation: clock.evaluationMs / clock.steps, events: clock.eventsMs / clock.steps },
    outsideLoop: wall - (clock.stepMs + clock.reportMs) / 1000,
    accuracy,
    tensors: { first: tensors[1] ?? tensors[0] ?? 0, last: tensors.at(-1) ?? 0, max: Math.max(0, ...tensors.slice(1)) },
    rssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** Every case (or those whose name contains one of `only`), ours then PyTorch's, printed as it goes. */
export async function e2eBench(only: readonly string[] = []): Promise<E2eRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'stepstone-e2e-bench-'));
  const torch = torchAvailable();
  if (!torch) console.log('(PyTorch not found at /usr/bin/python3: `apt-get install python3-torch` for the side-by-side rows)');
  const rows: E2eRow[] = [];
  for (const c of e2eCases.filter((k) => only.length === 0 || only.some((o) => k.name.includes(o)))) {
    const ours = await runOurs(c);
    let torch1: TorchRun | null = null;
    let torchDefault: TorchRun | null = null;
    if (torch) {
      const file = join(dir, `${rows.length}.json`);
      writeFileSync(file, JSON.stringify(await torchWork(c.plan())));
      torch1 = runTorch(file, 1);
      torchDefault = runTorch(file, 0);
    }
    const breakdown = await stepBreakdown(c.plan());
    const ratio = torch1 ? { run: ours.wall / torch1.wall, runCpu: ours.cpu / torch1.cpu, step: ours.msPerStep / ((torch1.trainWall * 1000) / torch1.steps) } : null;
    const row: E2eRow = { case: c.name, steps: ours.steps, ours, breakdown, torch1, torchDefault, ratio };
    rows.push(row);
    console.log(formatRow(row));
  }
  return rows;
}

/** The cases, then the scaling series (skipped when a subset of cases is asked for). */
export async function e2eReport(only: readonly string[] = []): Promise<{ rows: E2eRow[]; scaling: Awaited<ReturnType<typeof scalingBench>> | null }> {
  const rows = await e2eBench(only);
  return { rows, scaling: only.length === 0 || only.includes('scaling') ? await scalingBench() : null };
}

function formatRow(r: E2eRow): string {
  const f = (v: number | undefined, d = 2) => (v === undefined ? '—' : v.toFixed(d));
  return [
    `${r.case}: ${r.steps} steps`,
    `  ours  ${f(r.ours.wall)} s wall, ${f(r.ours.cpu)} s CPU (${f(r.ours.outsideLoop)} s outside the loop); loop ${f(r.ours.msPerStep, 3)} ms/step; reporting ${(r.ours.reportShare * 100).toFixed(1)} % of the loop; RSS ${r.ours.rssMb.toFixed(0)} MB; tensors ${r.ours.tensors.first}→${r.ours.tensors.last}; test acc ${JSON.stringify(r.ours.accuracy)}`,
    `  step  forward ${f(r.breakdown.forwardMs, 3)} + backward ${f(r.breakdown.backwardMs, 3)} + optimiser ${f(r.breakdown.optimizerMs, 3)} = ${f(r.breakdown.stepMs, 3)} ms, ${r.breakdown.kernels} kernels; per step: read-back ${f(r.ours.reportPerStep.sync, 3)}, evaluation ${f(r.ours.reportPerStep.evaluation, 3)}, events ${f(r.ours.reportPerStep.events, 3)} ms`,
    `  torch ${f(r.torch1?.wall)} s wall, ${f(r.torch1?.cpu)} s CPU (1 thread); ${f(r.torchDefault?.wall)} s wall (${r.torchDefault?.threads ?? '—'} threads); acc ${JSON.stringify(r.torch1?.models.map((m) => [m.track, m.testAccuracy]))}`,
    `  ratio run ${f(r.ratio?.run)}× wall, ${f(r.ratio?.runCpu)}× CPU; per step ${f(r.ratio?.step)}×`,
  ].join('\n');
}
