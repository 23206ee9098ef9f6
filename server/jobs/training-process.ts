import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Checkpoint, RunPlan } from '../runtime/run-plan-api';
import { checkpointFileWriter } from './checkpoint-file';
import type { ChildMessage, ParentMessage } from './training-process-protocol';

// Child process entry (forked by forked-run-plan.ts): runs one plan, reports over IPC, then exits.
const send = (msg: ChildMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(msg, undefined, {}, () => resolve());
  });

const controller = new AbortController();
// The parent is gone (crashed or killed): nobody will store our results.
process.on('disconnect', () => process.exit(1));

process.on('message', (raw) => {
  const msg = raw as ParentMessage;
  if (msg.type === 'cancel') controller.abort(new Error('cancel'));
  else if (msg.type === 'start') void run(msg);
});

async function run(msg: Extract<ParentMessage, { type: 'start' }>): Promise<void> {
  try {
    const spec = process.argv[2];
    const url = spec ? pathToFileURL(path.resolve(spec)).href : new URL('../runtime/run-plan.ts', import.meta.url).href;
    const mod = (await import(url)) as { runPlan: RunPlan };
    const resumeFrom = msg.resumeFrom && msg.resumeFile ? { ...msg.resumeFrom, data: new Uint8Array(await readFile(msg.resumeFile)) } : msg.resumeFrom;
    const result = await mod.runPlan(msg.plan, {
      signal: controller.signal,
      onEvent: (event) => void send({ type: 'event', event }),
      checkpointEveryMs: msg.checkpointEveryMs,
      onCheckpoint: async (cp) => {
        await send(await checkpointMessage(cp, msg.checkpointFile));
        // A full event-loop turn, so that a 'cancel' message waiting on the IPC pipe is read: the trainer's
        // batch loop only awaits microtasks, which never let I/O in.
        await new Promise((resolve) => setImmediate(resolve));
      },
      resumeFrom,
      backend: msg.backend,
      artifactDir: msg.artifactDir,
      baselineCacheDir: msg.baselineCacheDir,
      resolveUpload: async (id) => msg.uploads[id],
    });
    await send({ type: 'result', result });
    process.exit(0);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    await send({ type: 'error', name: controller.signal.aborted ? 'AbortError' : e.name, message: e.message });
    process.exit(controller.signal.aborted ? 0 : 2);
  }
}

let writeCheckpoint: ((data: Uint8Array) => Promise<void>) | undefined;

/**
 * Big checkpoints (megabytes of weights) are written here, by the training process, so the web
 * process only records where they are; without a file they travel over IPC (server-mode workers).
 */
async function checkpointMessage(cp: Checkpoint, file: string | undefined): Promise<ChildMessage> {
  const where = { track: cp.track, stage: cp.stage, epoch: cp.epoch, bytes: cp.data.byteLength };
  if (!file) return { type: 'checkpoint', data: cp.data, ...where };
  writeCheckpoint ??= checkpointFileWriter(file);
  await writeCheckpoint(cp.data);
  return { type: 'checkpoint', file, ...where };
}
