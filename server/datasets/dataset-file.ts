import { DatasetError, type Dataset } from './dataset';
import type { UploadLimits } from './limits';

/**
 * A parsed data set as bytes (`stepstone.dataset`, version 1): what the server sends a browser run for an upload
 * the browser cannot parse the same way (a zip of images, decoded on the server with sharp). Layout: "SSDS", a
 * uint32 (little-endian) header length, the JSON header, zero padding to 4 bytes, then x as float32 (n × width)
 * and y as int32 (n), little-endian. Isomorphic.
 */
const MAGIC = [0x53, 0x53, 0x44, 0x53];
const FORMAT = 'stepstone.dataset';
const VERSION = 1;

interface Header {
  format: string;
  version: number;
  name: string;
  n: number;
  width: number;
  classes: number;
  imageShape: Dataset['imageShape'];
  labelNames?: string[];
}

export function isDatasetFile(head: Uint8Array): boolean {
  return MAGIC.every((b, i) => head[i] === b);
}

export function encodeDataset(ds: Dataset): Uint8Array {
  const header: Header = { format: FORMAT, version: VERSION, name: ds.name, n: ds.n, width: ds.width, classes: ds.classes, imageShape: ds.imageShape, ...(ds.labelNames ? { labelNames: ds.labelNames } : {}) };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((8 + json.length) / 4) * 4;
  const out = new Uint8Array(start + 4 * ds.n * ds.width + 4 * ds.n);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  const view = new DataView(out.buffer);
  ds.x.forEach((v, i) => view.setFloat32(start + 4 * i, v, true));
  const yAt = start + 4 * ds.n * ds.width;
  ds.y.forEach((v, i) => view.setInt32(yAt + 4 * i, v, true));
  return out;
}

function readHeader(bytes: Uint8Array, file: string): { header: Header; start: number } {
  const fail = (why: string) => new DatasetError(`is not a data set the server sent (${why}). Reload the page and run again.`, { file });
  if (bytes.length < 8 || !isDatasetFile(bytes)) throw fail('no stepstone.dataset header');
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
  if (8 + length > bytes.length) throw fail('truncated header');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
  } catch {
    throw fail('unreadable header');
  }
  if (header.format !== FORMAT || header.version !== VERSION) throw fail(`format ${String(header.format)} version ${String(header.version)}; this page reads ${FORMAT} version ${VERSION}`);
  return { header, start: Math.ceil((8 + length) / 4) * 4 };
}

/** The data set, with its size checked against the upload limits and the byte length before anything is copied. */
export function decodeDataset(bytes: Uint8Array, file: string, limits: Pick<UploadLimits, 'maxRows' | 'maxCells'>): Dataset {
  const { header: h, start } = readHeader(bytes, file);
  if (!Number.isInteger(h.n) || !Number.isInteger(h.width) || h.n < 0 || h.width < 1 || h.n > limits.maxRows || h.n * h.width > limits.maxCells) {
    throw new DatasetError(`has ${h.n} rows of ${h.width} values, beyond the upload limits.`, { file });
  }
  if (bytes.length !== start + 4 * h.n * h.width + 4 * h.n) throw new DatasetError(`is truncated (${bytes.length} bytes for ${h.n} × ${h.width}). Reload the page and run again.`, { file });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const x = new Float32Array(h.n * h.width);
  for (let i = 0; i < x.length; i++) x[i] = view.getFloat32(start + 4 * i, true);
  const yAt = start + 4 * x.length;
  const y = new Int32Array(h.n);
  for (let i = 0; i < h.n; i++) y[i] = view.getInt32(yAt + 4 * i, true);
  return { name: h.name, x, y, n: h.n, width: h.width, classes: h.classes, imageShape: h.imageShape, ...(h.labelNames ? { labelNames: h.labelNames } : {}) };
}
