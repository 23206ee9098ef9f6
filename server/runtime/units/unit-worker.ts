import { parentPort } from 'node:worker_threads';
import { AbortError, PlanInputError } from '../abort-error';
import { trainUnit } from './train-unit';
import type { UnitRequest } from './unit-types';
import type { FromWorker, ToWorker } from './worker-protocol';

// Worker-thread entry (started by run-units.ts): trains the units it is sent, one at a time, with its own
// TF.js engine and backend, and reports events, positions and results to the run.
const port = parentPort;
if (!port) throw new Error('unit-worker.ts runs only as a worker thread.');
const send = (msg: FromWorker) => port.postMessage(msg);
let controller = new AbortController();

async function run(request: UnitRequest): Promise<void> {
  controller = new AbortController();
  try {
    const result = await trainUnit(request, {
      signal: controller.signal,
      emit: (event) => send({ type: 'event', event }),
      onPosition: (position) => send({ type: 'position', track: request.track, seed: request.seed, position }),
    });
    send({ type: 'result', result });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const input = e instanceof PlanInputError ? { nodeId: e.nodeId, field: e.field } : {};
    send({ type: 'error', name: e instanceof AbortError ? 'AbortError' : e.name, message: e.message, ...input });
  }
}

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'cancel') controller.abort(new Error('cancel'));
  else void run(msg.request);
});
