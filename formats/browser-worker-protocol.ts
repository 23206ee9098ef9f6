import type { CsvOptions } from './csv-options';
import type { ImageOptions } from './image-options';
import type { RunEvent, RunResult } from './run-events';
import type { UploadFormat } from './upload-preview';

/** The browser backends, in the order a browser run tries them. */
export const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm'] as const;
export type BrowserBackend = (typeof BROWSER_BACKENDS)[number];

/** Where the page serves the worker bundle and tfjs-backend-wasm's binaries (scripts/build-browser-runtime.ts). */
export const BROWSER_RUNTIME_PATH = '/runtime/';
export const BROWSER_WORKER_FILE = 'stepstone-worker.js';

/** Page → worker. `backends`: the order to try (a visitor or a test may force one); `uploads`: by upload id. */
export type ToBrowserWorker =
  | { type: 'run'; plan: unknown; backends: readonly BrowserBackend[]; origin: string; uploads?: Readonly<Record<string, BrowserUploadSource>> }
  | { type: 'cancel' };

/** Worker → page: events as the server's run streams them, then the result or the failure. */
export type FromBrowserWorker =
  | { type: 'events'; events: RunEvent[] }
  | { type: 'done'; result: RunResult }
  /** An export node's files (model.json, weights.bin, preprocessing.json), offered as a download. */
  | { type: 'modelFiles'; name: string; files: { name: string; data: Uint8Array }[] }
  | { type: 'error'; message: string; name: string; nodeId?: string };

/**
 * How a browser run reads one upload: the stored read options (the same the server's run uses: the CSV options,
 * or the label column of older uploads, the image options) and its bytes — read from the server by a visitor with
 * access, or picked from the visitor's own disk (never sent anywhere).
 */
export interface BrowserUploadSource {
  readonly format: UploadFormat;
  /** The name messages use (the upload's name, or the picked file's). */
  readonly fileName: string;
  readonly csv?: CsvOptions;
  readonly labelColumn?: string;
  readonly image?: ImageOptions;
  readonly file: Blob;
  /** IDX: the labels file. */
  readonly labels?: Blob;
  readonly labelsFileName?: string;
}
