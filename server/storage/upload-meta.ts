import { desc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { datasets } from '../../db/schema';
import type { CsvOptions } from '../../formats/csv-options';
import type { ImageOptions } from '../../formats/image-options';
import { thumbnailOf, type UploadPreview } from '../../formats/upload-preview';
import type { ModelSummary } from '../../formats/pretrained-model';
import type { UploadMeta } from '../compiler/compile-context';
import type { UploadInfo } from '../datasets/inspect-upload';

/**
 * The one home of an upload's stored metadata (the `metadata` jsonb of a datasets row): how it is written
 * from the parser's UploadInfo, and how it is read back — for the compiler, the uploads page and the trainer.
 */
export interface StoredUploadMeta {
  width: number;
  classes: number;
  /** A boolean (rows stored before it was: a count). */
  labelled: boolean | number;
  labelledRows?: number;
  imageShape: [number, number, number] | null;
  rows: number;
  labelNames?: string[];
  featureColumns?: string[];
  labelsPath?: string;
  /** The CSV options the file was read with (absent on older rows: the defaults). */
  csv?: CsvOptions;
  /** zip of images: the size and colour it was read with. */
  image?: ImageOptions;
  preview?: UploadPreview;
  /** Format "model": the layer list and input shape. */
  model?: ModelSummary;
}

export type DatasetRow = typeof datasets.$inferSelect;

/** Metadata to store for a parsed upload. */
export function storedMeta(info: UploadInfo, extra: { labelsPath?: string; csv?: CsvOptions; image?: ImageOptions }): StoredUploadMeta {
  const meta: StoredUploadMeta = {
    width: info.width,
    classes: info.classes,
    labelled: info.labelled,
    labelledRows: info.labelledRows,
    imageShape: info.imageShape,
    rows: info.rows,
  };
  if (info.labelNames) meta.labelNames = info.labelNames;
  if (info.featureColumns) meta.featureColumns = info.featureColumns;
  if (info.preview) meta.preview = info.preview;
  if (info.model) meta.model = info.model;
  if (extra.labelsPath) meta.labelsPath = extra.labelsPath;
  if (extra.csv) meta.csv = extra.csv;
  if (extra.image) meta.image = extra.image;
  return meta;
}

export function readMeta(row: DatasetRow): StoredUploadMeta {
  return row.metadata as StoredUploadMeta;
}

/** What the compiler needs of one upload. */
export function compileMeta(row: DatasetRow): UploadMeta {
  const m = readMeta(row);
  const labelled = typeof m.labelled === 'boolean' ? m.labelled : m.labelled > 0;
  const meta: UploadMeta = { name: row.name, width: m.width, classes: m.classes, labelled, imageShape: m.imageShape, rows: m.rows };
  if (m.model) return { ...meta, model: m.model };
  return m.labelNames ? { ...meta, labelNames: m.labelNames } : meta;
}

/** Upload id → what the compiler needs (it never reads storage itself). All uploads when `ids` is absent. */
export async function uploadMetas(db: Db, ids?: readonly string[]): Promise<Record<string, UploadMeta>> {
  if (ids && ids.length === 0) return {};
  const q = db.select().from(datasets);
  const rows = ids ? await q.where(inArray(datasets.id, [...ids])) : await q.limit(1000);
  return Object.fromEntries(rows.map((r) => [r.id, compileMeta(r)]));
}

/** A row as the API shows it: never the server's file paths; the preview only when asked for. */
export function publicUpload(row: DatasetRow, withPreview = false) {
  const { labelsPath: _l, preview, ...meta } = readMeta(row);
  const labelled = typeof meta.labelled === 'boolean' ? meta.labelled : meta.labelled > 0;
  const thumbnail = thumbnailOf(preview);
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    labelColumn: row.labelColumn,
    metadata: { ...meta, labelled, labelledRows: meta.labelledRows ?? 0 },
    thumbnail,
    ...(withPreview ? { preview: preview ?? null } : {}),
    createdAt: row.createdAt,
  };
}

export async function listUploads(db: Db) {
  const rows = await db.select().from(datasets).orderBy(desc(datasets.createdAt));
  return rows.map((r) => publicUpload(r));
}
