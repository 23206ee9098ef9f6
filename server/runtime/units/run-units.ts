import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AbortError, PlanInputError, throwIfAborted } from '../abort-error';
import { trainUnit } from './train-unit';
import type { UnitContext, UnitPosition, UnitRequest, UnitResult } from './unit-types';
import type { FromWorker, ToWorker } from './worker-protocol';

export interface RunUnitsOptions extends Omit<UnitContext, 'onPosition'> {
  readonly onPosition?: (request: UnitRequest, position: UnitPosition) => void | Promise<void>;
  readonly onResult?: (request: UnitRequest, result: UnitResult) => void | Promise<void>;
}

/** Trains units: in this thread, or spread over worker threads (each with its own TF.js engine and backend). */
export interface UnitPool {
  /** Results in request order; a unit's failure or a cancel rejects (and stops every unit). */
  run(requests: readonly UnitRequest[], options: RunUnitsOptions): Promise<UnitResult[]>;
  close(): void;
}

/** Threads a run may use: STEPSTONE_MODEL_THREADS, else one per core. */
export function defaultParallelism(): number {
  const env = Number(process.env.STEPSTONE_MODEL_THREADS);
  return Number.isInteger(env) && env >= 1 ? env : availableParallelism();
}

function workerEntry(): string {
  // The .mjs bootstrap registers tsx inside the thread (Node 20 does not pass `--import tsx` on to workers).
  // Next bundles server code, so import.meta.url may not point into this folder; the repo root usually is cwd.
  const fromCwd = path.join(process.cwd(), 'server', 'runtime', 'units', 'unit-worker-boot.mjs');
  return existsSync(fromCwd) ? fromCwd : path.join(path.dirname(fileURLToPath(import.meta.url)), 'unit-worker-boot.mjs');
}

/**
 * A pool of `threads` trainers. WASM training is single-threaded, so models × seeds spread over worker threads
 * use the machine's cores. Workers start booting (TypeScript loader, TF.js, WASM) as soon as the pool exists, so
 * a run creates it first and loads its data meanwhile. One thread trains in this thread, with no worker at all.
 */
export function createUnitPool(threads: number): UnitPool {
  if (threads <= 1) return { run: runHere, close: () => undefined };
  const workers = Array.from({ length: threads }, () => new Worker(workerEntry()));
  return {
    run: (requests, options) => runInWorkers(workers, requests, options),
    close: () => {
      for (const w of workers) void w.terminate();
    },
  };
}

async function runHere(requests: readonly UnitRequest[], options: RunUnitsOptions): Promise<UnitResult[]> {
  const results: UnitResult[] = [];
  for (const request of requests) {
    throwIfAborted(options.signal);
    const result = await trainUnit(request, { signal: options.signal, emit: options.emit, onPosition: (p) => options.onPosition?.(request, p) });
    await options.onResult?.(request, result);
    results.push(result);
  }
  return results;
}

function failure(msg: Extract<FromWorker, { type: 'error' }>): Error {
  if (msg.name === 'AbortError') return new AbortError(msg.message);
  if (msg.name === 'PlanInputError') return new PlanInputError(msg.message, msg.nodeId, msg.field);
  return Object.assign(new Error(msg.message), { name: msg.name });
}

function runInWorkers(workers: readonly Worker[], requests: readonly UnitRequest[], options: RunUnitsOptions): Promise<UnitResult[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<UnitResult | undefined>(requests.length);
    const cleanups: (() => void)[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const c of cleanups) c();
      // A failed or cancelled run stops every thread now; a finished one leaves them to the pool's close().
      if (error) for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(results as UnitResult[]);
    };
    if (requests.length === 0) return finish();
    const onAbort = () => finish(new AbortError());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => options.signal?.removeEventListener('abort', onAbort));
    for (const w of workers) {
      const slot = { index: -1 };
      const feed = () => {
        if (next >= requests.length) return;
        slot.index = next++;
        w.postMessage({ type: 'unit', request: requests[slot.index]! } satisfies ToWorker);
      };
      const onMessage = (msg: FromWorker) => {
        const request = requests[slot.index]!;
        if (msg.type === 'event') options.emit(msg.event);
        else if (msg.type === 'position') void Promise.resolve(options.onPosition?.(request, msg.position)).catch((e: unknown) => finish(e as Error));
        else if (msg.type === 'error') finish(failure(msg));
        else {
          results[slot.index] = msg.result;
          void Promise.resolve(options.onResult?.(request, msg.result)).then(() => {
            if (++done === requests.length) finish();
          }, (e: unknown) => finish(e as Error));
          feed();
        }
      };
      const onError = (err: Error) => finish(err);
      const onExit = (code: number) => finish(new Error(`a training thread exited unexpectedly (code ${code})`));
      w.on('message', onMessage).on('error', onError).on('exit', onExit);
      cleanups.push(() => w.off('message', onMessage).off('error', onError).off('exit', onExit));
      feed();
    }
  });
}
