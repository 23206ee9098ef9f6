/**
 * The browser's counterpart of datasets/shipped/read-shipped.ts (same exports; the worker bundle swaps it in):
 * shipped files are fetched from the page's origin, where scripts/build-browser-runtime.ts copies data/, and
 * un-gzipped with the browser's DecompressionStream.
 */
import { DatasetError } from '../../datasets/dataset';
import { BROWSER_RUNTIME_PATH } from '../../../formats/browser-worker-protocol';

export { cached } from '../../datasets/shipped/promise-cache';

let origin = '';

/** Where the page is served from (a worker's own location may be a blob or a CDN). */
export function setShippedOrigin(value: string): void {
  origin = value;
}

export async function readShippedGz(name: string): Promise<Uint8Array> {
  const url = `${origin}${BROWSER_RUNTIME_PATH}data/${encodeURIComponent(name)}`;
  const res = await fetch(url).catch(() => null);
  if (!res?.ok || !res.body) throw new DatasetError(`the built-in data file ${name} could not be fetched from ${url} (${res ? `HTTP ${res.status}` : 'network error'}).`, { file: name });
  const unzipped = res.body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(unzipped).arrayBuffer());
}
