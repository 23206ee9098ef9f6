import type { BrowserUploadSource } from '../../../formats/browser-worker-protocol';
import type { ResolvedUpload } from '../../datasets/parse-upload';

/**
 * The uploads of a browser run, by upload id: their bytes are Blobs (no file paths in a browser), so each gets a
 * key in place of a path, and parse-upload.browser.ts reads the Blob under that key.
 */
const blobs = new Map<string, Blob>();
const KEY = 'browser-upload:';

/** Registers the run's upload Blobs and returns what the loader resolves each upload id to. */
export function registerUploadBlobs(sources: Readonly<Record<string, BrowserUploadSource>>): Record<string, ResolvedUpload> {
  blobs.clear();
  const out: Record<string, ResolvedUpload> = {};
  for (const [id, s] of Object.entries(sources)) {
    const path = `${KEY}${id}`;
    blobs.set(path, s.file);
    const resolved: ResolvedUpload = { path, format: s.format, fileName: s.fileName };
    if (s.csv) resolved.csv = s.csv;
    else if (s.labelColumn) resolved.labelColumn = s.labelColumn;
    if (s.image) resolved.image = s.image;
    if (s.labels) {
      blobs.set(`${path}:labels`, s.labels);
      resolved.labelsPath = `${path}:labels`;
      resolved.labelsFileName = s.labelsFileName ?? `${s.fileName} (labels)`;
    }
    out[id] = resolved;
  }
  return out;
}

/** The Blob registered under `path`. */
export function uploadBlob(path: string, file: string): Blob {
  const blob = blobs.get(path);
  if (!blob) throw new Error(`${file}: its bytes were not handed to this browser run (pick the file again).`);
  return blob;
}
