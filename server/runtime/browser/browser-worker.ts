/**
 * The Web Worker of "Run in this browser" (bundled by scripts/build-browser-runtime.ts into
 * public/runtime/stepstone-worker.js): trains a compiled plan on the browser's TF.js backend and posts the same
 * run events the server streams. Built-in data sets are fetched from the page's origin (see read-shipped.browser.ts).
 */
import type { RunEvent } from '../../../formats/run-events';
import { AbortError } from '../abort-error';
import { PlanInputError } from '../plan-input-error';
import { selectBrowserBackend } from './browser-backend';
import { BROWSER_RUNTIME_PATH, type FromBrowserWorker, type ToBrowserWorker } from '../../../formats/browser-worker-protocol';
import { setShippedOrigin } from './read-shipped.browser';
import { runInBrowser } from './run-in-browser';
import { registerUploadBlobs } from './upload-blobs';

const scope = globalThis as unknown as { postMessage(m: FromBrowserWorker): void; onmessage: ((e: MessageEvent<ToBrowserWorker>) => void) | null };
const controller = new AbortController();

/** Events leave in batches (one message per animation-frame-sized slice), not one message each. */
function batcher(): { emit: (e: RunEvent) => void; flush: () => void } {
  let pending: RunEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length > 0) scope.postMessage({ type: 'events', events: pending });
    pending = [];
  };
  return { emit: (e) => { pending.push(e); timer ??= setTimeout(flush, 50); }, flush };
}

async function run(msg: Extract<ToBrowserWorker, { type: 'run' }>): Promise<void> {
  const out = batcher();
  try {
    setShippedOrigin(msg.origin);
    const backend = await selectBrowserBackend(msg.backends, `${msg.origin}${BROWSER_RUNTIME_PATH}`);
    const uploads = registerUploadBlobs(msg.uploads ?? {});
    const onModelFiles = (name: string, files: { name: string; data: Uint8Array }[]) => scope.postMessage({ type: 'modelFiles', name, files });
    const result = await runInBrowser(msg.plan, { backend, onEvent: out.emit, signal: controller.signal, uploads, onModelFiles });
    out.flush();
    scope.postMessage({ type: 'done', result });
  } catch (error) {
    out.flush();
    const e = error instanceof Error ? error : new Error(String(error));
    const nodeId = e instanceof PlanInputError ? e.nodeId : undefined;
    scope.postMessage({ type: 'error', message: e.message, name: e instanceof AbortError ? 'AbortError' : e.name, ...(nodeId ? { nodeId } : {}) });
  }
}

scope.onmessage = (e) => {
  if (e.data.type === 'cancel') controller.abort();
  else void run(e.data);
};
