import { z } from 'zod';

/**
 * How an uploaded zip of images (one folder per class, PNG or JPEG) becomes a data set: every image resized to
 * size × size, grayscale or RGB, pixels in [0, 1]. Browser-safe; stored with the upload.
 */
export const imageOptionsSchema = z.object({
  version: z.literal(1).default(1),
  size: z.number().int().min(4).max(224).default(28),
  color: z.enum(['grayscale', 'rgb']).default('grayscale'),
});
export type ImageOptions = z.infer<typeof imageOptionsSchema>;
