import { z } from 'zod';

/**
 * A user's pre-trained TF.js layers model (upload format "model"): what `model.json` must look like, the layer
 * classes the runtime runs, and the summary stored with the upload (the preview's layer list, the extractor
 * node's layer picker). Browser-safe. Nothing in a model file is executed: the topology is data for TF.js's own
 * layer classes, named in SUPPORTED_LAYER_CLASSES, and weights are raw numbers.
 */
export const MODEL_SUMMARY_VERSION = 1 as const;

/** Keras/TF.js layer classes an uploaded model may contain (MobileNet's, common CNN heads, Teachable Machine's). */
export const SUPPORTED_LAYER_CLASSES = [
  'InputLayer',
  'Conv2D',
  'DepthwiseConv2D',
  'SeparableConv2D',
  'BatchNormalization',
  'ReLU',
  'Activation',
  'Dense',
  'Flatten',
  'GlobalAveragePooling2D',
  'GlobalMaxPooling2D',
  'MaxPooling2D',
  'AveragePooling2D',
  'Dropout',
  'Add',
  'ZeroPadding2D',
  'Reshape',
  'Rescaling',
] as const;

/** Top-level model classes (a nested model inside a layer list is refused like any other unknown layer). */
export const MODEL_CLASSES = ['Sequential', 'Model', 'Functional'] as const;

/** A weight path in model.json: a plain relative file name inside the upload (no folders up, no URL, no drive). */
const weightPathSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((p) => !/^[\\/]|^[A-Za-z]:|:\/\/|^[a-z]+:/i.test(p), 'must be a relative path inside the upload (no absolute path or URL)')
  .refine((p) => !p.split(/[\\/]/).includes('..'), 'must not leave the upload ("..")');

const weightEntrySchema = z.object({
  name: z.string().min(1).max(500),
  shape: z.array(z.number().int().nonnegative()).max(8),
  dtype: z.enum(['float32', 'int32', 'bool']),
});

/** model.json of a TF.js layers model (tfjs converter / model.save output). Extra keys are kept, never run. */
export const modelJsonSchema = z.object({
  format: z.literal('layers-model', { message: 'format must be "layers-model" (a TF.js graph model cannot be fine-tuned; convert a Keras model with tensorflowjs_converter --input_format keras)' }),
  modelTopology: z.object({}).passthrough(),
  weightsManifest: z.array(z.object({ paths: z.array(weightPathSchema).min(1).max(1000), weights: z.array(weightEntrySchema).max(10_000) })).min(1).max(1000),
  generatedBy: z.string().max(200).optional(),
  convertedBy: z.string().max(200).nullable().optional(),
});


const modelLayerSchema = z.object({
  name: z.string(),
  className: z.string(),
  /** Without the batch axis. */
  outputShape: z.array(z.number().int().nullable()),
  params: z.number().int().nonnegative(),
  /** Trainable weights (kernels, biases, BatchNorm's gamma/beta). */
  trainable: z.boolean(),
});
export type ModelLayer = z.infer<typeof modelLayerSchema>;

export const modelSummarySchema = z.object({
  version: z.literal(MODEL_SUMMARY_VERSION),
  /** The model's input shape without the batch axis, e.g. [224, 224, 3]. */
  inputShape: z.array(z.number().int().positive()),
  layers: z.array(modelLayerSchema),
  totalParams: z.number().int().nonnegative(),
  weightBytes: z.number().int().nonnegative(),
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;

/** Width of a layer's output flattened (the feature width it gives); null when a dimension is unknown. */
export function flatOutputWidth(layer: Pick<ModelLayer, 'outputShape'>): number | null {
  if (layer.outputShape.some((d) => d === null)) return null;
  return (layer.outputShape as number[]).reduce((a, d) => a * d, 1);
}

/** Layers that can be the feature layer: everything after the input. */
export function featureLayerChoices(summary: ModelSummary): ModelLayer[] {
  return summary.layers.filter((l) => l.className !== 'InputLayer');
}
