import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { datasets } from '../../db/schema';
import { DatasetError } from '../datasets/dataset';
import { inspectUpload } from '../datasets/inspect-upload';
import { uploadLimits } from '../datasets/limits';

export const uploadParamsSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  format: z.enum(['csv', 'idx'], { message: "format must be 'csv' or 'idx'" }),
  labelColumn: z.string().min(1).max(200).optional(),
});
export type UploadParams = z.infer<typeof uploadParamsSchema>;

/** A refused upload: HTTP status, message, and where in the file (for data errors). */
export class UploadError extends Error {
  constructor(
    readonly status: 400 | 413 | 500,
    message: string,
    readonly location: { file?: string; line?: number; column?: number; field?: string } = {},
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export type StoredDataset = typeof datasets.$inferSelect;

type Body = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/** Streams to `tmp` with a running sha256 and a byte cap; removes `tmp` on any failure. */
async function streamToFile(body: Body, tmp: string, maxBytes: number, fileName: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  const out = createWriteStream(tmp, { flags: 'wx' });
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new UploadError(413, `${fileName} is larger than the upload limit of ${(maxBytes / 1024 / 1024).toFixed(0)} MB.`);
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return { size, sha256: hash.digest('hex') };
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    if (err instanceof UploadError) throw err;
    throw new UploadError(400, `The upload of ${fileName} was interrupted: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Stores an uploaded data set: streamed to a temporary file (size cap, sha256), parsed fully by
 * inspectUpload (errors with line and column), atomically renamed into place, and only then the
 * database row. Any failure removes the files, so a refused or interrupted upload leaves nothing.
 */
export async function storeUpload(input: {
  db: Db;
  dataDir: string;
  params: UploadParams;
  body: Body;
  /** IDX only: the labels file. */
  labels?: Body;
  maxBytes?: number;
}): Promise<StoredDataset> {
  const { params } = input;
  const maxBytes = input.maxBytes ?? uploadLimits.maxBytes;
  const dir = path.join(input.dataDir, 'uploads');
  const tmpDir = path.join(dir, '.tmp');
  await mkdir(tmpDir, { recursive: true });
  const id = randomUUID();
  const tmp = path.join(tmpDir, id);
  const tmpLabels = path.join(tmpDir, `${id}.labels`);
  const finalPath = path.join(dir, `${id}.${params.format}`);
  const finalLabels = path.join(dir, `${id}.labels.idx`);
  const cleanup = () => Promise.all([tmp, tmpLabels, finalPath, finalLabels].map((p) => rm(p, { force: true })));

  const { size, sha256 } = await streamToFile(input.body, tmp, maxBytes, params.name);
  try {
    if (size === 0) throw new UploadError(400, `${params.name} is empty.`);
    if (input.labels) await streamToFile(input.labels, tmpLabels, maxBytes, `${params.name} (labels)`);
    let info;
    try {
      info = await inspectUpload(tmp, params.format, params.labelColumn, input.labels ? tmpLabels : undefined, { fileName: params.name });
    } catch (err) {
      if (err instanceof DatasetError) throw new UploadError(400, err.message, { file: err.file, line: err.line, column: err.column, field: err.field });
      throw err;
    }
    await rename(tmp, finalPath);
    if (input.labels) await rename(tmpLabels, finalLabels);
    const [row] = await input.db
      .insert(datasets)
      .values({
        id,
        name: params.name,
        format: params.format,
        sizeBytes: size,
        sha256,
        path: finalPath,
        labelColumn: info.labelColumn ?? null,
        metadata: {
          width: info.width,
          classes: info.classes,
          labelled: info.labelled,
          labelledRows: info.labelledRows,
          imageShape: info.imageShape,
          rows: info.rows,
          ...(info.labelNames ? { labelNames: info.labelNames } : {}),
          ...(input.labels ? { labelsPath: finalLabels } : {}),
        },
      })
      .returning();
    return row!;
  } catch (err) {
    await cleanup();
    throw err;
  }
}
