import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Training steps are synchronous TF.js calls; without a turn of the event loop, an abort arriving by IPC
 * or a timer is only seen at the next epoch boundary. The yielder gives the loop a turn at most every
 * `intervalMs` of busy work, so a cancel lands within one batch at negligible cost.
 */
export function createEventLoopYielder(intervalMs = 50): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < intervalMs) return;
    await nextTurn();
    last = performance.now();
  };
}
