import type { UploadFormat } from '../../formats/upload-preview';
import type { CsvOptions } from '../../formats/csv-options';
import type { ImageOptions } from '../../formats/image-options';
import type { StagedUpload } from '../../formats/upload-preview';

/** A refusal as the upload route sends it: the message, and where in the file. */
export interface UploadRefusal {
  error: string;
  file?: string;
  line?: number;
  column?: number;
}

export type StageResult = { ok: true; staged: StagedUpload } | { ok: false; refusal: UploadRefusal; status: number };

/** "message (line 3, column 2)". */
export function refusalText(r: UploadRefusal): string {
  // Parser messages start with their location already ("file.csv, line 3, column 2 (x): …").
  const where = r.line && !r.error.includes(`line ${r.line}`) ? ` (line ${r.line}${r.column ? `, column ${r.column}` : ''})` : '';
  return `${r.error}${where}`;
}

/**
 * The one client of POST /api/uploads: sends a file to be staged (parsed on the server by the upload parser,
 * with its preview) under the given CSV options. Keeping it is `datasets.confirm` (tRPC).
 */
export async function stageUploadFile(file: File, opts: { name?: string; format?: UploadFormat; csv?: CsvOptions; image?: ImageOptions; labels?: File }): Promise<StageResult> {
  const form = new FormData();
  form.set('file', file);
  if (opts.labels) form.set('labels', opts.labels);
  form.set('name', opts.name ?? file.name);
  form.set('format', opts.format ?? 'csv');
  if (opts.csv) form.set('options', JSON.stringify(opts.csv));
  if (opts.image) form.set('image', JSON.stringify(opts.image));
  form.set('stage', '1');
  let res: Response;
  try {
    res = await fetch('/api/uploads', { method: 'POST', body: form });
  } catch (err) {
    return { ok: false, status: 0, refusal: { error: err instanceof Error ? err.message : 'The upload failed.' } };
  }
  const body = (await res.json().catch(() => ({}))) as { staged?: StagedUpload } & Partial<UploadRefusal>;
  if (!res.ok || !body.staged) return { ok: false, status: res.status, refusal: { error: body.error ?? `Upload failed (${res.status}).`, file: body.file, line: body.line, column: body.column } };
  return { ok: true, staged: body.staged };
}
