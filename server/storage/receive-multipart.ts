import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { streamToFile } from './stream-to-file';
import { UploadError } from './upload-error';

/** The form as received: text fields, and the two file parts written to their temporary paths. */
export interface ReceivedForm {
  fields: Record<string, string>;
  file?: { size: number; sha256: string; filename: string };
  labels?: { size: number; sha256: string; filename: string };
}

const FILE_FIELDS = ['file', 'labels'] as const;
type FileField = (typeof FILE_FIELDS)[number];

/**
 * Streams a multipart/form-data body with busboy: the `file` part to `paths.tmp`, `labels` to
 * `paths.tmpLabels`, each under `maxBytes` counted as the bytes arrive (with or without a
 * content-length); a handful of short text fields. On any refusal both temporary files are removed.
 */
export function receiveMultipart(
  body: Readable,
  headers: Record<string, string>,
  paths: { tmp: string; tmpLabels: string },
  maxBytes: number,
): Promise<ReceivedForm> {
  const form: ReceivedForm = { fields: {} };
  const writes: Promise<unknown>[] = [];
  const open = new Set<Readable>();
  const receiveFile = async (field: FileField, stream: Readable, filename: string) => {
    const r = await streamToFile(stream, field === 'file' ? paths.tmp : paths.tmpLabels, maxBytes, filename || field);
    form[field] = { ...r, filename };
  };
  return new Promise<ReceivedForm>((resolve, reject) => {
    let failed: unknown;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = err;
      body.unpipe(bb);
      body.destroy();
      for (const s of open) s.destroy(err instanceof Error ? err : new Error(String(err)));
      void Promise.allSettled(writes)
        .then(() => Promise.all([paths.tmp, paths.tmpLabels].map((p) => rm(p, { force: true }))))
        .then(() => reject(err));
    };
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers, limits: { files: 2, fields: 8, parts: 10, fieldSize: 16_384, fileSize: maxBytes + 1, headerPairs: 20 } });
    } catch (err) {
      reject(new UploadError(400, `The form cannot be read: ${(err as Error).message}`));
      return;
    }
    bb.on('file', (name, stream, info) => {
      if (!(FILE_FIELDS as readonly string[]).includes(name) || form[name as FileField]) {
        stream.resume();
        fail(new UploadError(400, `The form has an unexpected file field "${name.slice(0, 40)}"; send "file" (and "labels" for IDX).`));
        return;
      }
      open.add(stream);
      writes.push(receiveFile(name as FileField, stream, info.filename ?? '').then(() => open.delete(stream), fail));
    });
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) fail(new UploadError(400, `The form field "${name.slice(0, 40)}" is too long.`));
      else form.fields[name] = value;
    });
    for (const what of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) {
      bb.on(what, () => fail(new UploadError(413, 'The form has too many parts; send one "file" (and "labels" for IDX) plus name, format, labelColumn, options and stage.')));
    }
    bb.on('error', (err) => fail(new UploadError(400, `The form cannot be read: ${(err as Error).message}`)));
    bb.on('close', () => {
      void Promise.allSettled(writes).then(() => {
        if (!failed) resolve(form);
      });
    });
    body.on('error', (err) => fail(new UploadError(400, `The upload was interrupted: ${err.message}`)));
    body.pipe(bb);
  });
}
