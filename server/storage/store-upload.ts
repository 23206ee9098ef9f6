import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { datasets } from '../../db/schema';
import { safeString } from '../../formats/safe-text';
import { uploadLimits } from '../datasets/limits';
import { inspectInChild } from './inspect-in-child';
import { streamToFile, type Body } from './stream-to-file';
import { UploadError } from './upload-error';

export { UploadError } from './upload-error';

export const uploadParamsSchema = z.object({
  name: safeString().trim().min(1, 'name is required').max(200),
  format: z.enum(['csv', 'idx'], { message: "format must be 'csv' or 'idx'" }),
  labelColumn: safeString().min(1).max(200).optional(),
});
export type UploadParams = z.infer<typeof uploadParamsSchema>;

export type StoredDataset = typeof datasets.$inferSelect;

/** Where an upload's files go while it is checked: <dataDir>/uploads/.tmp/<id>[.labels]. */
export async function uploadTempPaths(dataDir: string): Promise<{ id: string; tmp: string; tmpLabels: string }> {
  const tmpDir = path.join(dataDir, 'uploads', '.tmp');
  await mkdir(tmpDir, { recursive: true });
  const id = randomUUID();
  return { id, tmp: path.join(tmpDir, id), tmpLabels: path.join(tmpDir, `${id}.labels`) };
}

/**
 * Stores an uploaded data set: streamed to a temporary file (size cap, sha256), then committed
 * (commitUpload). Any failure removes the files, so a refused or interrupted upload leaves nothing.
 */
export async function storeUpload(input: {
  db: Db;
  dataDir: string;
  params: UploadParams;
  body: Body;
  /** IDX only: the labels file. */
  labels?: Body;
  maxBytes?: number;
}): Promise<StoredDataset & { parsedBy: number }> {
  const { params } = input;
  const maxBytes = input.maxBytes ?? uploadLimits.maxBytes;
  const paths = await uploadTempPaths(input.dataDir);
  const received = await streamToFile(input.body, paths.tmp, maxBytes, params.name);
  try {
    if (input.labels) await streamToFile(input.labels, paths.tmpLabels, maxBytes, `${params.name} (labels)`);
  } catch (err) {
    await rm(paths.tmp, { force: true });
    throw err;
  }
  return commitUpload({ db: input.db, dataDir: input.dataDir, params, ...paths, hasLabels: input.labels !== undefined, ...received });
}

export interface ReceivedUpload {
  db: Db;
  dataDir: string;
  params: UploadParams;
  id: string;
  tmp: string;
  tmpLabels: string;
  hasLabels: boolean;
  size: number;
  sha256: string;
}

/**
 * An upload already on disk under .tmp: parsed fully in a separate process (errors with line and
 * column), atomically renamed into place, and only then the database row. Any failure removes the files.
 */
export async function commitUpload(input: ReceivedUpload): Promise<StoredDataset & { parsedBy: number }> {
  const { params, id, tmp, tmpLabels, hasLabels } = input;
  const dir = path.join(input.dataDir, 'uploads');
  const finalPath = path.join(dir, `${id}.${params.format}`);
  const finalLabels = path.join(dir, `${id}.labels.idx`);
  const cleanup = () => Promise.all([tmp, tmpLabels, finalPath, finalLabels].map((p) => rm(p, { force: true })));
  try {
    if (input.size === 0) throw new UploadError(400, `${params.name} is empty.`);
    const { info, pid } = await inspectInChild({
      path: tmp,
      format: params.format,
      labelColumn: params.labelColumn,
      labelsPath: hasLabels ? tmpLabels : undefined,
      fileName: params.name,
    });
    await rename(tmp, finalPath);
    if (hasLabels) await rename(tmpLabels, finalLabels);
    const [row] = await input.db
      .insert(datasets)
      .values({
        id,
        name: params.name,
        format: params.format,
        sizeBytes: input.size,
        sha256: input.sha256,
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
          ...(hasLabels ? { labelsPath: finalLabels } : {}),
        },
      })
      .returning();
    return { ...row!, parsedBy: pid };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
