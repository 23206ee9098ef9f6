import { readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { CsvOptions } from '../../formats/csv-options';
import type { UploadInfo } from '../datasets/inspect-upload';
import { inspectReceived, placeUpload, uploadParamsSchema, type ReceivedUpload, type StoredDataset } from './store-upload';
import { UploadError } from './upload-error';

/**
 * A staged upload: received and parsed (with its preview) but not yet kept. It waits in <data>/uploads/.staged
 * until the user confirms it (then it is parsed again with the final options, renamed into place and recorded)
 * or discards it; staged files older than an hour are swept (sweep-upload-temp.ts).
 */
export const stagedIdSchema = z.string().uuid('not a staged upload id');

const stagedRecordSchema = z.object({ params: uploadParamsSchema, size: z.number(), sha256: z.string(), hasLabels: z.boolean() });
type StagedRecord = z.infer<typeof stagedRecordSchema>;

export function stagedDir(dataDir: string): string {
  return path.join(dataDir, 'uploads', '.staged');
}

function stagedPaths(dataDir: string, id: string) {
  const dir = stagedDir(dataDir);
  const safe = stagedIdSchema.parse(id); // a uuid: never a path
  return { file: path.join(dir, safe), labels: path.join(dir, `${safe}.labels`), record: path.join(dir, `${safe}.json`) };
}

/** Parses a received upload with its preview and keeps it staged; a bad file is refused and removed. */
export async function stageUpload(input: ReceivedUpload): Promise<{ stagedId: string; info: UploadInfo }> {
  try {
    const { info } = await inspectReceived(input);
    await mkdir(stagedDir(input.dataDir), { recursive: true });
    const p = stagedPaths(input.dataDir, input.id);
    await rename(input.tmp, p.file);
    if (input.hasLabels) await rename(input.tmpLabels, p.labels);
    const record: StagedRecord = { params: input.params, size: input.size, sha256: input.sha256, hasLabels: input.hasLabels };
    await writeFile(p.record, JSON.stringify(record));
    return { stagedId: input.id, info };
  } catch (err) {
    await Promise.all([input.tmp, input.tmpLabels].map((f) => rm(f, { force: true })));
    throw err;
  }
}

async function readStaged(dataDir: string, id: string): Promise<{ record: StagedRecord; paths: ReturnType<typeof stagedPaths> }> {
  const paths = stagedPaths(dataDir, id);
  let text: string;
  try {
    text = await readFile(/*turbopackIgnore: true*/ paths.record, 'utf8');
  } catch {
    throw new UploadError(400, 'This staged upload is gone (discarded, kept already, or older than an hour). Upload the file again.');
  }
  return { record: stagedRecordSchema.parse(JSON.parse(text)), paths };
}

function received(db: Db, dataDir: string, id: string, record: StagedRecord, paths: ReturnType<typeof stagedPaths>, params: StagedRecord['params']): ReceivedUpload {
  return { db, dataDir, id, params, tmp: paths.file, tmpLabels: paths.labels, hasLabels: record.hasLabels, size: record.size, sha256: record.sha256 };
}

/** The staged file parsed again with other CSV options (the preview of those); the staged file stays. */
export async function restageUpload(db: Db, dataDir: string, id: string, csv: CsvOptions): Promise<UploadInfo> {
  const { record, paths } = await readStaged(dataDir, id);
  const params = { ...record.params, csv, labelColumn: undefined };
  const { info } = await inspectReceived(received(db, dataDir, id, record, paths, params));
  await writeFile(paths.record, JSON.stringify({ ...record, params }));
  return info;
}

/** Keeps a staged upload: parsed with the final options, renamed into place, recorded. A refusal keeps it staged. */
export async function confirmStaged(db: Db, dataDir: string, id: string, changes: { name?: string; csv?: CsvOptions }): Promise<StoredDataset> {
  const { record, paths } = await readStaged(dataDir, id);
  const params = { ...record.params, ...(changes.name ? { name: changes.name } : {}), ...(changes.csv ? { csv: changes.csv, labelColumn: undefined } : {}) };
  const input = received(db, dataDir, id, record, paths, params);
  const { info } = await inspectReceived(input);
  const row = await placeUpload(input, info);
  await rm(paths.record, { force: true });
  return row;
}

export async function discardStaged(dataDir: string, id: string): Promise<void> {
  const p = stagedPaths(dataDir, id);
  await Promise.all([p.file, p.labels, p.record].map((f) => rm(f, { force: true })));
}
