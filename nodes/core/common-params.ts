import { z } from 'zod';

/**
 * Param pieces shared by several node kinds, so that bounds and descriptions stay identical
 * wherever the same concept appears (the palette's forms are generated from these).
 */

/**
 * A built-in data set id from the catalog, `upload:<id>` for a user's upload, or `file:<path>` — a CSV next to the
 * graph file, read by `npm run train` only (the server refuses it).
 */
export const datasetParam = (fallback: string) =>
  z
    .string()
    .min(1)
    .max(300)
    .regex(/^(upload:[A-Za-z0-9_-]+|file:[A-Za-z0-9_. /-]+|[A-Za-z0-9_-]+)$/, 'a built-in data set id, upload:<id> or file:<path> (CLI only)')
    .default(fallback)
    .describe('Built-in data set id (see the catalog) or upload:<id> for an uploaded data set.');

/** Generator/subset options; checked field by field against the catalog's bounds by the compiler. */
export const datasetOptionsParam = z
  .record(z.string().min(1).max(64), z.union([z.number(), z.string().max(200), z.boolean()]))
  .default({})
  .describe('Options of the data set (samples, rotation, noise, seed, perClass, limit, ...), bounded by the catalog.');

export const nameParam = (fallback: string) => z.string().min(1).max(100).default(fallback).describe('Display name of the domain.');

export const hiddenSizesParam = (fallback: number[], what: string, minLayers = 0) =>
  z
    .array(z.number().int().min(1).max(4096))
    .min(minLayers)
    .max(8)
    .default(fallback)
    .describe(`Sizes of the ${what} hidden layers, input to output (at most 8 layers of 1–4096 units).`);

export const activationParam = z.enum(['relu', 'tanh', 'sigmoid', 'elu', 'linear']).default('relu').describe('Activation of the hidden layers.');

export const dropoutParam = z.number().min(0).max(0.9).default(0).describe('Dropout rate after each hidden layer (0 = none).');

export const learningRateParam = (fallback: number) =>
  z.number().positive().max(10).default(fallback).describe('Initial learning rate μ₀ (0 < μ₀ ≤ 10).');

export const epochsParam = (fallback: number) => z.number().int().min(1).max(10_000).default(fallback).describe('Passes over the training data.');

export const batchSizeParam = (fallback: number) => z.number().int().min(1).max(4096).default(fallback).describe('Samples per batch and per domain (larger than a domain: the whole domain, one step an epoch).');
