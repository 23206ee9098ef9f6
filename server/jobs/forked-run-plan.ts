import { resolveUploads } from '../runtime/run-steps';
import type { ResolvedUpload } from '../datasets/parse-upload';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '../../formats/run-events';
import type { Checkpoint, RunOptions, RunPlan } from '../runtime/run-plan-api';
import { RetryableRunError } from './execute-run';
import { machineBudget } from './plan-budget';
import { descendants, treeRss } from './process-memory';
import type { ChildMessage, ParentMessage } from './training-process-protocol';

export interface ForkedRunPlanOptions {
  /** Module exporting `runPlan` (default server/runtime/run-plan.ts); tests pass a scripted one. */
  readonly runnerModule?: string;
  /** After a cancel, how long the child gets to stop by itself before it is killed. */
  readonly killGraceMs?: number;
  readonly env?: Record<string, string>;
  /** Where the training process writes checkpoints itself (embedded mode); absent: they come over IPC. */
  readonly checkpointDir?: string;
  /** Least time between checkpoints; default STEPSTONE_CHECKPOINT_MS, else 10 s. */
  readonly checkpointEveryMs?: number;
  /** Resident memory of the run's processes together (run + model workers); killed and failed past it. */
  readonly memoryCapBytes?: number;
}

/** A checkpoint as the job system stores it: in a file written by the training process, or inline. */
export type StoredCheckpoint = Checkpoint & { readonly file?: string };

function entryPath(): string {
  // Next bundles server code, so import.meta.url may not point into server/jobs; the repo root usually is cwd.
  const fromCwd = path.join(process.cwd(), 'server', 'jobs', 'training-process.ts');
  // Not `new URL(…, import.meta.url)`: bundlers would try to resolve that as an asset.
  return existsSync(fromCwd) ? fromCwd : path.join(path.dirname(fileURLToPath(import.meta.url)), 'training-process.ts');
}

const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;

/** A failure the user must fix (retrying would only fail again): not a RetryableRunError. */
function outOfMemory(detail: string, cap: number): Error {
  return new Error(
    `The training ran out of memory (${detail}; the cap is ${mb(cap)}, STEPSTONE_TRAINING_MEMORY_MB). Use fewer or narrower layers or a smaller batch size.`,
  );
}

const OOM_MESSAGE = /memory access out of bounds|Array buffer allocation failed|out of memory|Invalid typed array length/i;

/**
 * RunPlan that trains in a child process (`node --import tsx server/jobs/training-process.ts`), so that
 * training never blocks the caller's event loop and a crash or a kill takes only the child down. The
 * child and its model workers run under a memory cap (V8 heap flag, plus a watchdog on their resident
 * memory); checkpoints are written by the child (checkpointDir) at a bounded cadence.
 */
export function createForkedRunPlan(options: ForkedRunPlanOptions = {}): RunPlan {
  const budget = machineBudget();
  const cap = options.memoryCapBytes ?? budget.memoryBytes + 1024 * 1024 * 1024; // + the runtime's own processes
  if (options.checkpointDir) mkdirSync(options.checkpointDir, { recursive: true });
  return async (plan, runOptions) => {
    const uploads: Record<string, ResolvedUpload> = await resolveUploads(plan, runOptions);
    if (runOptions.signal?.aborted) throw Object.assign(new Error('cancelled before start'), { name: 'AbortError' });
    const resume = runOptions.resumeFrom as StoredCheckpoint | undefined;
    const checkpointFile = options.checkpointDir ? (resume?.file ?? path.join(options.checkpointDir, `${randomUUID()}.ckpt`)) : undefined;
    const heapMb = Math.ceil(budget.memoryBytes / 1024 / 1024);
    const child = fork(entryPath(), options.runnerModule ? [options.runnerModule] : [], {
      execArgv: ['--import', 'tsx'],
      // NODE_OPTIONS reaches the model workers the run forks too.
      env: { ...process.env, ...options.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${heapMb}`.trim() },
      serialization: 'advanced', // Uint8Array checkpoints cross IPC without base64
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    lowerPriority(child);
    const start: ParentMessage = {
      type: 'start',
      plan,
      resumeFrom: resume?.file ? { ...resume, data: new Uint8Array(0) } : resume,
      resumeFile: resume?.file,
      backend: runOptions.backend,
      artifactDir: runOptions.artifactDir,
      baselineCacheDir: runOptions.baselineCacheDir,
      uploads,
      checkpointEveryMs: options.checkpointEveryMs ?? (Number(process.env.STEPSTONE_CHECKPOINT_MS) || 10_000),
      checkpointFile,
    };
    return superviseChild(child, start, runOptions, { cap, killGraceMs: options.killGraceMs ?? 10_000 });
  };
}

/**
 * Training is batch work: at nice 10 (inherited by its model workers) it yields the CPU to the web
 * process, which then answers within milliseconds even on a 2-core machine busy training.
 */
function lowerPriority(child: ChildProcess): void {
  try {
    if (child.pid) os.setPriority(child.pid, Math.min(19, os.getPriority(process.pid) + 10));
  } catch {
    // not permitted here: train at the same priority
  }
}

/** The training process and its model workers, at once. */
function killProcessTree(child: ChildProcess): void {
  for (const pid of child.pid ? descendants(child.pid) : []) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  child.kill('SIGKILL');
}

/** Talks to one training process until it settles: events, checkpoints, cancel, memory cap, exit. */
function superviseChild(child: ChildProcess, start: ParentMessage, runOptions: RunOptions, limits: { cap: number; killGraceMs: number }): Promise<RunResult> {
  return new Promise<RunResult>((resolve, reject) => {
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    let overMemory: number | undefined;
    let stderrTail = '';
    const killTree = () => killProcessTree(child);
    const watchdog = setInterval(() => {
      const used = child.pid ? treeRss(child.pid) : undefined;
      if (used !== undefined && used > limits.cap && overMemory === undefined) {
        overMemory = used;
        killTree();
      }
    }, 1000);
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      runOptions.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      if (child.connected) child.send({ type: 'cancel' } satisfies ParentMessage, () => undefined);
      killTimer = setTimeout(killTree, limits.killGraceMs);
    };
    runOptions.signal?.addEventListener('abort', onAbort, { once: true });
    child.stderr?.on('data', (d: Buffer) => {
      process.stderr.write(d);
      stderrTail = (stderrTail + d.toString()).slice(-4000);
    });
    // The result waits for checkpoints still being saved: none may land after the run is finished.
    const saving = new Set<Promise<unknown>>();
    const track = (p: Promise<unknown>) => {
      saving.add(p);
      void p.finally(() => saving.delete(p));
    };
    let finished = false;
    const done = (r: RunResult) => {
      finished = true;
      void Promise.allSettled([...saving]).then(() => settle(() => resolve(r)));
    };
    child.on('message', (raw) => onChildMessage(raw as ChildMessage, runOptions, track, done, (e) => settle(() => reject(oomReadable(e, limits.cap)))));
    // Failed sends (EPIPE after the child exited) also land here; only a failed spawn is final — a dead
    // child is reported by 'exit'.
    child.on('error', (err) => {
      if (child.pid === undefined) settle(() => reject(new RetryableRunError(`training process failed to start: ${err.message}`)));
    });
    // 'close', not 'exit': IPC messages sent just before exiting (the result) can arrive after 'exit'.
    child.on('close', (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      if (finished) return; // the result settles once its checkpoints are saved
      if (overMemory !== undefined) settle(() => reject(outOfMemory(`its processes used ${mb(overMemory!)}`, limits.cap)));
      if (/heap limit|JavaScript heap out of memory/.test(stderrTail)) settle(() => reject(outOfMemory('the JavaScript heap is full', limits.cap)));
      if (runOptions.signal?.aborted) settle(() => reject(Object.assign(new Error('cancelled'), { name: 'AbortError' })));
      settle(() => reject(new RetryableRunError(`training process exited unexpectedly (${signal ?? `code ${code}`})`)));
    });
    child.send(start, () => undefined);
  });
}

function onChildMessage(msg: ChildMessage, runOptions: RunOptions, track: (p: Promise<unknown>) => void, resolve: (r: RunResult) => void, reject: (e: Error) => void): void {
  if (msg.type === 'event') runOptions.onEvent(msg.event);
  else if (msg.type === 'checkpoint') {
    const cp: StoredCheckpoint = { data: msg.data ?? new Uint8Array(0), track: msg.track, stage: msg.stage, epoch: msg.epoch, ...(msg.file ? { file: msg.file } : {}) };
    track(Promise.resolve(runOptions.onCheckpoint?.(cp)).catch((err: unknown) => console.error('checkpoint not saved', err)));
  } else if (msg.type === 'result') resolve(msg.result);
  else if (msg.type === 'error') reject(Object.assign(new Error(msg.message), { name: msg.name }));
}

/** WASM's "memory access out of bounds" and friends, said in words a user can act on. */
function oomReadable(err: Error, cap: number): Error {
  return err.name !== 'AbortError' && OOM_MESSAGE.test(err.message) ? outOfMemory(`TensorFlow.js: ${err.message}`, cap) : err;
}
