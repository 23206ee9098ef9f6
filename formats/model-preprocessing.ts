import { z } from 'zod';
import { csvOptionsSchema } from './csv-options';

/**
 * `preprocessing.json` beside an exported model.json: how a new CSV becomes the model's input (the columns it
 * expects, the reading options, the feature scaling fitted on the source's training rows) and what its outputs
 * mean (class names). Read by `npm run predict`. Data only.
 */
export const PREPROCESSING_VERSION = 1 as const;

export const modelPreprocessingSchema = z.object({
  format: z.literal('stepstone.preprocessing'),
  version: z.literal(PREPROCESSING_VERSION),
  /** Feature columns by name, in the model's input order (absent: a headerless or built-in data set — by position). */
  featureColumns: z.array(z.string()).max(5000).optional(),
  width: z.number().int().positive(),
  /** How the training file was read; a new file is read the same way (its label column may be missing). */
  csv: csvOptionsSchema.optional(),
  scaling: z
    .object({ kind: z.enum(['standardise', 'minmax']), mean: z.array(z.number()), std: z.array(z.number()), min: z.array(z.number()), max: z.array(z.number()) })
    .nullable(),
  classNames: z.array(z.string()),
});
export type ModelPreprocessing = z.infer<typeof modelPreprocessingSchema>;
