import type { RunEvent, RunResult } from './run-events';

/** The browser backends, in the order a browser run tries them. */
export const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm'] as const;
export type BrowserBackend = (typeof BROWSER_BACKENDS)[number];

/** Where the page serves the worker bundle and tfjs-backend-wasm's binaries (scripts/build-browser-runtime.ts). */
export const BROWSER_RUNTIME_PATH = '/runtime/';
export const BROWSER_WORKER_FILE = 'stepstone-worker.js';

/** Page → worker. `backends`: the order to try (a visitor or a test may force one). */
export type ToBrowserWorker = { type: 'run'; plan: unknown; backends: readonly BrowserBackend[]; origin: string } | { type: 'cancel' };

/** Worker → page: events as the server's run streams them, then the result or the failure. */
export type FromBrowserWorker =
  | { type: 'events'; events: RunEvent[] }
  | { type: 'done'; result: RunResult }
  | { type: 'error'; message: string; name: string; nodeId?: string };
