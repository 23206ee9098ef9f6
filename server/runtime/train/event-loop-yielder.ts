/**
 * One turn of the event loop: setImmediate where it exists (Node: no timer clamp), a zero timeout elsewhere (a
 * browser worker). Isomorphic: the runtime core runs in Node and in the visitor's browser.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

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
