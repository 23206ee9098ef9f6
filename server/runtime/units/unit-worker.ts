import { AbortError } from '../abort-error';
import { PlanInputError } from '../plan-input-error';
import { selectBackend } from '../backend/select-backend';
import { trainUnit } from './train-unit';
import type { RunEvent } from '../../../formats/run-events';
import type { UnitRequest } from './unit-types';
import type { FromWorker, ToWorker } from './worker-protocol';

// Worker-process entry (forked by run-units.ts with `--import tsx`): trains the units it is sent, one at a time,
// with its own TF.js engine and backend, and reports events, positions and results over IPC.
const send = (msg: FromWorker) => {
  if (process.connected) process.send?.(msg);
};
// The run is gone (finished, cancelled or crashed): nothing here is wanted any more.
process.on('disconnect', () => process.exit(0));
let controller = new AbortController();

/** Events wait at most FLUSH_MS (or until a position, result or error goes out, which they must precede). */
const FLUSH_MS = 100;
let pending: RunEvent[] = [];
let lastFlush = 0;
function flush(): void {
  if (pending.length > 0) send({ type: 'events', events: pending });
  pending = [];
  lastFlush = Date.now();
}
function emit(event: RunEvent): void {
  pending.push(event);
  if (Date.now() - lastFlush >= FLUSH_MS) flush();
}

async function run(request: UnitRequest): Promise<void> {
  controller = new AbortController();
  try {
    // The backend is the caller's business: trainUnit is isomorphic (a browser worker selects its own).
    await selectBackend(request.backend);
    const result = await trainUnit(request, {
      signal: controller.signal,
      emit,
      onPosition: (position) => {
        flush();
        send({ type: 'position', track: request.track, seed: request.seed, position });
      },
    });
    flush();
    send({ type: 'result', result });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const input = e instanceof PlanInputError ? { nodeId: e.nodeId, field: e.field } : {};
    flush();
    send({ type: 'error', name: e instanceof AbortError ? 'AbortError' : e.name, message: e.message, ...input });
  }
}

send({ type: 'ready' });

process.on('message', (msg: ToWorker) => {
  if (msg.type === 'cancel') controller.abort(new Error('cancel'));
  else void run(msg.request);
});
