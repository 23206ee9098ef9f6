import { z } from 'zod';
import type { ModelSummary } from './pretrained-model';

/**
 * What the upload preview shows (the staged file, parsed by the same parser as the upload itself) and what a
 * stored upload keeps for its card thumbnail and the uploads page. Browser-safe; stored in the upload's metadata.
 */
export const PREVIEW_VERSION = 1 as const;

/**
 * Upload formats: a CSV table, MNIST-style IDX files, a zip of images in one folder per class, or a pre-trained
 * TF.js layers model (a zip of model.json and its weight files; formats/pretrained-model.ts).
 */
export const UPLOAD_FORMATS = ['csv', 'idx', 'zip', 'model'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

export const columnSummarySchema = z.object({
  name: z.string(),
  role: z.enum(['feature', 'label', 'ignored']),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  std: z.number().nullable(),
  /** Empty cells (features never have any: they are refused). */
  missing: z.number().int(),
});
export type ColumnSummary = z.infer<typeof columnSummarySchema>;

export const uploadPreviewSchema = z.object({
  version: z.literal(PREVIEW_VERSION),
  /** The first data rows as text, under the file's own column names. */
  head: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.string())) }),
  columns: z.array(columnSummarySchema),
  /** Rows per class (name, count); unlabelled rows apart. */
  classes: z.array(z.object({ name: z.string(), count: z.number().int() })),
  unlabelled: z.number().int(),
  /** A 2-D picture: the two feature columns, or the first two principal components of the standardised features. */
  scatter: z
    .object({
      axes: z.tuple([z.string(), z.string()]),
      /** [x, y, class index or −1], scaled to [0, 1] on both axes. */
      points: z.array(z.tuple([z.number(), z.number(), z.number().int()])),
    })
    .nullable(),
  /** Image data sets: a few images per class as grey/RGB pixel rows in [0, 1] (side × side × channels). */
  images: z
    .object({ shape: z.tuple([z.number().int(), z.number().int(), z.number().int()]), samples: z.array(z.object({ label: z.string(), pixels: z.array(z.number()) })) })
    .nullable(),
});
export type UploadPreview = z.infer<typeof uploadPreviewSchema>;

/** A card-sized picture of an upload: the scatter's first points, or the first image of up to four classes. */
export interface UploadThumbnail {
  readonly points?: ReadonlyArray<readonly [number, number, number]>;
  readonly images?: { readonly shape: readonly [number, number, number]; readonly samples: ReadonlyArray<{ readonly label: string; readonly pixels: readonly number[] }> };
}

/** The thumbnail the uploads list and the domain cards show (derived from the stored preview, never stored). */
export function thumbnailOf(preview: UploadPreview | undefined): UploadThumbnail | null {
  if (preview?.scatter) return { points: preview.scatter.points.slice(0, 120) };
  if (!preview?.images) return null;
  const firstOfClass = preview.images.samples.filter((s, i, all) => all.findIndex((o) => o.label === s.label) === i);
  return { images: { shape: preview.images.shape, samples: firstOfClass.slice(0, 4) } };
}

/** What parsing an upload tells (server/datasets/inspect-upload.ts fills it; the dialog shows it). */
export interface UploadSummary {
  width: number;
  classes: number;
  labelled: boolean;
  labelledRows: number;
  imageShape: [number, number, number] | null;
  rows: number;
  checksum: string;
  labelColumn?: string;
  labelNames?: string[];
  featureColumns?: string[];
  preview?: UploadPreview;
  /** Format "model": its layers, input shape and size (no rows or classes). */
  model?: ModelSummary;
}

/** The answer of POST /api/uploads with stage=1. */
export interface StagedUpload {
  id: string;
  name: string;
  format: UploadFormat;
  info: UploadSummary;
}
