import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '../../formats/run-events';
import type { Checkpoint, RunPlan } from '../runtime/run-plan-api';
import { RetryableRunError } from './execute-run';
import type { ChildMessage, ParentMessage } from './training-process-protocol';

export interface ForkedRunPlanOptions {
  /** Module exporting `runPlan` (default server/runtime/run-plan.ts); tests pass a scripted one. */
  readonly runnerModule?: string;
  /** After a cancel, how long the child gets to stop by itself before it is killed. */
  readonly killGraceMs?: number;
  readonly env?: Record<string, string>;
}

function entryPath(): string {
  // Next bundles server code, so import.meta.url may not point into server/jobs; the repo root usually is cwd.
  const fromCwd = path.join(process.cwd(), 'server', 'jobs', 'training-process.ts');
  // Not `new URL(…, import.meta.url)`: bundlers would try to resolve that as an asset.
  return existsSync(fromCwd) ? fromCwd : path.join(path.dirname(fileURLToPath(import.meta.url)), 'training-process.ts');
}

/**
 * RunPlan that trains in a child process (`node --import tsx server/jobs/training-process.ts`), so that
 * training never blocks the caller's event loop and a crash or a kill takes only the child down.
 */
export function createForkedRunPlan(options: ForkedRunPlanOptions = {}): RunPlan {
  return async (plan, runOptions) => {
    const uploads: Record<string, { path: string; format: 'csv' | 'idx'; labelColumn?: string }> = {};
    for (const d of plan.domains) {
      if (d.dataset.kind !== 'upload') continue;
      const found = await runOptions.resolveUpload?.(d.dataset.id);
      if (found) uploads[d.dataset.id] = found;
    }
    if (runOptions.signal?.aborted) throw Object.assign(new Error('cancelled before start'), { name: 'AbortError' });

    return new Promise<RunResult>((resolve, reject) => {
      const args = options.runnerModule ? [options.runnerModule] : [];
      const child = fork(entryPath(), args, {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, ...options.env },
        serialization: 'advanced', // Uint8Array checkpoints cross IPC without base64
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      let settled = false;
      let killTimer: NodeJS.Timeout | undefined;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        runOptions.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => {
        if (child.connected) child.send({ type: 'cancel' } satisfies ParentMessage, () => undefined);
        killTimer = setTimeout(() => child.kill('SIGKILL'), options.killGraceMs ?? 10_000);
      };
      runOptions.signal?.addEventListener('abort', onAbort, { once: true });

      child.on('message', (raw) => {
        const msg = raw as ChildMessage;
        if (msg.type === 'event') runOptions.onEvent(msg.event);
        else if (msg.type === 'checkpoint') {
          const cp: Checkpoint = { data: msg.data, track: msg.track, stage: msg.stage, epoch: msg.epoch };
          Promise.resolve(runOptions.onCheckpoint?.(cp)).catch((err: unknown) => console.error('checkpoint not saved', err));
        } else if (msg.type === 'result') settle(() => resolve(msg.result));
        else if (msg.type === 'error') settle(() => reject(Object.assign(new Error(msg.message), { name: msg.name })));
      });
      // Failed sends (EPIPE after the child exited) also land here; only a failed spawn is final — a dead
      // child is reported by 'exit'.
      child.on('error', (err) => {
        if (child.pid === undefined) settle(() => reject(new RetryableRunError(`training process failed to start: ${err.message}`)));
      });
      // 'close', not 'exit': IPC messages sent just before exiting (the result) can arrive after 'exit'.
      child.on('close', (code, signal) => {
        if (killTimer) clearTimeout(killTimer);
        if (runOptions.signal?.aborted) settle(() => reject(Object.assign(new Error('cancelled'), { name: 'AbortError' })));
        settle(() => reject(new RetryableRunError(`training process exited unexpectedly (${signal ?? `code ${code}`})`)));
      });
      child.send({
        type: 'start',
        plan,
        resumeFrom: runOptions.resumeFrom,
        backend: runOptions.backend,
        artifactDir: runOptions.artifactDir,
        uploads,
      } satisfies ParentMessage, () => undefined);
    });
  };
}
