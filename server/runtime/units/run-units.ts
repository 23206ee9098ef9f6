import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fork, type ChildProcess } from 'node:child_process';
import { AbortError, throwIfAborted } from '../abort-error';
import { PlanInputError } from '../plan-input-error';
import { trainUnit } from './train-unit';
import type { UnitContext, UnitPosition, UnitRequest, UnitResult } from './unit-types';
import type { FromWorker, ToWorker } from './worker-protocol';
import { selectBackend } from '../backend/select-backend';

export interface RunUnitsOptions extends Omit<UnitContext, 'onPosition'> {
  readonly onPosition?: (request: UnitRequest, position: UnitPosition) => void | Promise<void>;
  readonly onResult?: (request: UnitRequest, result: UnitResult) => void | Promise<void>;
}

/** Trains units: in this process, or spread over worker processes (each with its own TF.js engine and backend). */
export interface UnitPool {
  /** Results in request order; a unit's failure or a cancel rejects (and stops every unit). */
  run(requests: readonly UnitRequest[], options: RunUnitsOptions): Promise<UnitResult[]>;
  close(): void;
}

/** Worker processes a run may use: STEPSTONE_MODEL_WORKERS, else one per core. */
export function defaultParallelism(): number {
  const env = Number(process.env.STEPSTONE_MODEL_WORKERS);
  return Number.isInteger(env) && env >= 1 ? env : availableParallelism();
}

function workerEntry(): string {
  // Next bundles server code, so import.meta.url may not point into this folder; the repo root usually is cwd.
  const fromCwd = path.join(process.cwd(), 'server', 'runtime', 'units', 'unit-worker.ts');
  return existsSync(fromCwd) ? fromCwd : path.join(path.dirname(fileURLToPath(import.meta.url)), 'unit-worker.ts');
}

/** Workers that said 'ready' (booted): remembered from the start, since a run may begin draining later. */
const booted = new WeakSet<ChildProcess>();

function startWorker(): ChildProcess {
  // Processes, not worker threads: measured here, two threads slowed each other by ~45 % per model (shared
  // allocator and V8 platform), two processes by ~20 %.
  const child = fork(workerEntry(), [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.on('message', (msg: FromWorker) => {
    if (msg.type === 'ready') booted.add(child);
  });
  return child;
}

/**
 * A pool of `size` trainers: this process plus `size − 1` worker processes. WASM training is single-threaded, so
 * models × seeds spread over processes use the machine's cores. This process trains too — it is warm already,
 * and one fewer boot is ~2 s saved — and the workers start booting (TypeScript loader, TF.js, WASM) as soon as the
 * pool exists, so a run creates it first and loads its data meanwhile.
 */
export function createUnitPool(size: number): UnitPool {
  const workers = Array.from({ length: Math.max(0, size - 1) }, startWorker);
  return {
    run: (requests, options) => runShared(workers, requests, options),
    close: () => {
      for (const w of workers) w.kill('SIGKILL');
    },
  };
}

function failure(msg: Extract<FromWorker, { type: 'error' }>): Error {
  if (msg.name === 'AbortError') return new AbortError(msg.message);
  if (msg.name === 'PlanInputError') return new PlanInputError(msg.message, msg.nodeId, msg.field);
  return Object.assign(new Error(msg.message), { name: msg.name });
}

/** One queue of units, drained by this process and every worker; the first failure stops them all. */
interface Queue {
  readonly requests: readonly UnitRequest[];
  readonly results: (UnitResult | undefined)[];
  next: number;
  done: number;
  settled: boolean;
  /** Stops this process's own unit when a worker fails. */
  readonly local: AbortController;
  /** Whether this process is inside a unit: a failure is reported once that unit has unwound (freed its tensors). */
  localBusy: boolean;
  failed: Error | null;
  readonly reject: (error: Error) => void;
  finish(error?: Error): void;
  complete(index: number, result: UnitResult): Promise<void>;
}

function runShared(workers: readonly ChildProcess[], requests: readonly UnitRequest[], options: RunUnitsOptions): Promise<UnitResult[]> {
  return new Promise((resolve, reject) => {
    const cleanups: (() => void)[] = [];
    const q: Queue = {
      requests,
      results: new Array<UnitResult | undefined>(requests.length),
      next: 0,
      done: 0,
      settled: false,
      local: new AbortController(),
      localBusy: false,
      failed: null,
      reject,
      finish(error) {
        if (q.settled) return;
        q.settled = true;
        for (const c of cleanups) c();
        if (!error) return resolve(q.results as UnitResult[]);
        // A failed or cancelled run stops every worker now; a finished one leaves them to the pool's close().
        q.failed = error;
        q.local.abort();
        for (const w of workers) w.kill('SIGKILL');
        if (!q.localBusy) reject(error);
      },
      async complete(index, result) {
        q.results[index] = result;
        await options.onResult?.(requests[index]!, result);
        if (++q.done === requests.length) q.finish();
      },
    };
    if (requests.length === 0) return q.finish();
    const onAbort = () => q.finish(new AbortError());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => options.signal?.removeEventListener('abort', onAbort));
    for (const w of workers) cleanups.push(driveWorker(w, q, options));
    void driveLocal(q, options);
  });
}

/** This process's share: takes units from the queue until it is empty. */
async function driveLocal(q: Queue, options: RunUnitsOptions): Promise<void> {
  const signal = options.signal ? AbortSignal.any([options.signal, q.local.signal]) : q.local.signal;
  while (!q.settled && q.next < q.requests.length) {
    const index = q.next++;
    const request = q.requests[index]!;
    q.localBusy = true;
    try {
      throwIfAborted(signal);
      await selectBackend(request.backend);
      const result = await trainUnit(request, { signal, emit: options.emit, onPosition: (p) => options.onPosition?.(request, p) });
      await q.complete(index, result);
    } catch (error) {
      q.finish(error instanceof Error ? error : new Error(String(error)));
    } finally {
      q.localBusy = false;
      if (q.failed) q.reject(q.failed);
    }
  }
}

/** A worker's share: sends it units one at a time and relays its events; returns its listeners' removal. */
function driveWorker(w: ChildProcess, q: Queue, options: RunUnitsOptions): () => void {
  let index = -1;
  const feed = () => {
    if (q.settled || q.next >= q.requests.length) return;
    index = q.next++;
    w.send({ type: 'unit', request: q.requests[index]! } satisfies ToWorker);
  };
  const onMessage = (raw: unknown) => {
    const msg = raw as FromWorker;
    const request = q.requests[Math.max(0, index)]!;
    if (msg.type === 'ready') feed();
    else if (msg.type === 'events') for (const e of msg.events) options.emit(e);
    else if (msg.type === 'position') void Promise.resolve(options.onPosition?.(request, msg.position)).catch((e: unknown) => q.finish(e as Error));
    else if (msg.type === 'error') q.finish(failure(msg));
    else {
      void q.complete(index, msg.result).catch((e: unknown) => q.finish(e as Error));
      feed();
    }
  };
  const onError = (err: Error) => q.finish(err);
  const onExit = (code: number | null, signal: string | null) => q.finish(new Error(`a training worker exited unexpectedly (${signal ?? `code ${code}`})`));
  // Fed once booted: until then this process, already warm, takes the units.
  w.on('message', onMessage).on('error', onError).on('exit', onExit);
  if (booted.has(w)) feed();
  return () => w.off('message', onMessage).off('error', onError).off('exit', onExit);
}
