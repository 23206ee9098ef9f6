/**
 * The browser's counterpart of datasets/parse-upload.ts (the worker bundle swaps it in): uploads live in the
 * server's store, and reading them streams files from disk, so a browser run does not read them; runInBrowser
 * refuses such plans up front, naming the domain node (this is the backstop).
 */
import type { ParsedUpload, ResolvedUpload } from '../../datasets/parse-upload';

export type { ResolvedUpload };

export function parseUpload(upload: ResolvedUpload): Promise<ParsedUpload> {
  return Promise.reject(new Error(`${upload.fileName ?? 'An upload'} is read on the server only; run this graph on the server.`));
}
