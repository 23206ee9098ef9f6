import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { datasets } from '../../db/schema';
import { csvOptionsSchema } from '../../formats/csv-options';
import { imageOptionsSchema } from '../../formats/image-options';
import { safeString } from '../../formats/safe-text';
import { UPLOAD_FORMATS } from '../../formats/upload-preview';
import type { UploadInfo } from '../datasets/inspect-upload';
import { uploadLimits } from '../datasets/limits';
import { inspectInChild } from './inspect-in-child';
import { streamToFile, type Body } from './stream-to-file';
import { storedMeta } from './upload-meta';
import { UploadError } from './upload-error';

export { UploadError } from './upload-error';

export const uploadParamsSchema = z.object({
  name: safeString().trim().min(1, 'name is required').max(200),
  format: z.enum(UPLOAD_FORMATS, { message: "format must be 'csv', 'idx', 'zip' or 'model'" }),
  /** Shorthand for csv.label = { by: 'column', column } (older clients). */
  labelColumn: safeString().min(1).max(200).optional(),
  /** How the CSV is read (header, delimiter, label column or none, ignored columns). */
  csv: csvOptionsSchema.optional(),
  /** zip of images: size and colour. */
  image: imageOptionsSchema.optional(),
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
export async function storeUpload(input: { db: Db; dataDir: string; params: UploadParams; body: Body; labels?: Body; maxBytes?: number }): Promise<StoredDataset & { parsedBy: number }> {
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

/** Parses a received file in the separate process, with the preview; a bad file rejects with an UploadError. */
export async function inspectReceived(input: Pick<ReceivedUpload, 'params' | 'tmp' | 'tmpLabels' | 'hasLabels' | 'size'>): Promise<{ info: UploadInfo; pid: number }> {
  const { params } = input;
  if (input.size === 0) throw new UploadError(400, `${params.name} is empty.`);
  return inspectInChild({
    path: input.tmp,
    format: params.format,
    labelColumn: params.labelColumn,
    csv: params.csv,
    image: params.image,
    labelsPath: input.hasLabels ? input.tmpLabels : undefined,
    fileName: params.name,
    preview: true,
  });
}

/** Renames a parsed upload into place, then records it; on failure the final files are removed. */
export async function placeUpload(input: ReceivedUpload, info: UploadInfo): Promise<StoredDataset> {
  const { params, id } = input;
  const dir = path.join(input.dataDir, 'uploads');
  const finalPath = path.join(dir, `${id}.${params.format}`);
  const finalLabels = path.join(dir, `${id}.labels.idx`);
  try {
    await rename(input.tmp, finalPath);
    if (input.hasLabels) await rename(input.tmpLabels, finalLabels);
    const metadata = storedMeta(info, { labelsPath: input.hasLabels ? finalLabels : undefined, csv: params.csv, image: params.image });
    const values = { id, name: params.name, format: params.format, sizeBytes: input.size, sha256: input.sha256, path: finalPath, labelColumn: info.labelColumn ?? null, metadata };
    const [row] = await input.db.insert(datasets).values(values).returning();
    return row!;
  } catch (err) {
    await Promise.all([finalPath, finalLabels].map((p) => rm(p, { force: true })));
    throw err;
  }
}

/**
 * An upload already on disk under .tmp: parsed fully in a separate process (errors with line and
 * column), atomically renamed into place, and only then the database row. Any failure removes the files.
 */
export async function commitUpload(input: ReceivedUpload): Promise<StoredDataset & { parsedBy: number }> {
  try {
    const { info, pid } = await inspectReceived(input);
    return { ...(await placeUpload(input, info)), parsedBy: pid };
  } catch (err) {
    await Promise.all([input.tmp, input.tmpLabels].map((p) => rm(p, { force: true })));
    throw err;
  }
}
