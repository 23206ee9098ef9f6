import * as tf from '@tensorflow/tfjs';
import { MODEL_SUMMARY_VERSION, modelSummarySchema, type ModelSummary } from '../../formats/pretrained-model';
import { DatasetError } from './dataset';
import type { UploadLimits } from './limits';
import { modelArtifacts } from './model-artifacts';
import { readModelZip } from './read-model-zip';

/** Deserialises checked artifacts with TF.js's in-memory handler: no fetch, no file access, no code. */
export async function layersModelFrom(artifacts: tf.io.ModelArtifacts, file: string): Promise<tf.LayersModel> {
  try {
    return await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (err) {
    throw new DatasetError(`TF.js cannot build this model: ${err instanceof Error ? err.message : String(err)}`, { file });
  }
}

/** The model's input shape without the batch axis; one image or vector input only. */
function inputShapeOf(model: tf.LayersModel, file: string): number[] {
  if (model.inputs.length !== 1) throw new DatasetError(`the model has ${model.inputs.length} inputs; Stepstone feeds one (an image or a feature vector).`, { file });
  const shape = model.inputs[0]!.shape.slice(1);
  if (shape.some((d) => d === null || d <= 0) || (shape.length !== 1 && shape.length !== 3)) {
    throw new DatasetError(`the model's input shape [${shape.join(', ')}] is not a fixed image (height, width, channels) or vector shape.`, { file });
  }
  return shape as number[];
}

/** Name, class, output shape and parameter count of every layer (the preview and the layer picker). */
export function modelSummary(model: tf.LayersModel, weightBytes: number, file: string): ModelSummary {
  const layers = model.layers.map((l) => {
    const out = (Array.isArray(l.outputShape[0]) ? l.outputShape[0] : l.outputShape) as (number | null)[];
    return { name: l.name, className: l.getClassName(), outputShape: out.slice(1), params: l.countParams(), trainable: l.trainableWeights.length > 0 };
  });
  const totalParams = layers.reduce((n, l) => n + l.params, 0);
  // The stored shape, checked by its schema (a layer with an unexpected output shape fails here, not in the UI).
  return modelSummarySchema.parse({ version: MODEL_SUMMARY_VERSION, inputShape: inputShapeOf(model, file), layers, totalParams, weightBytes });
}

/** An uploaded model zip read under the limits, checked, and loaded in memory. The caller disposes the model. */
export async function loadModelUpload(path: string, limits: UploadLimits, file: string): Promise<{ model: tf.LayersModel; artifacts: tf.io.ModelArtifacts; checksum: string }> {
  const { files, checksum } = await readModelZip(path, limits, file);
  const artifacts = modelArtifacts(files, file);
  const model = await layersModelFrom(artifacts, file);
  return { model, artifacts, checksum };
}

/** Reads, checks and summarises a model upload (the upload parser's step for format "model"). */
export async function inspectModelUpload(path: string, limits: UploadLimits, file: string): Promise<{ summary: ModelSummary; checksum: string }> {
  const { model, artifacts, checksum } = await loadModelUpload(path, limits, file);
  try {
    const bytes = artifacts.weightData instanceof ArrayBuffer ? artifacts.weightData.byteLength : 0;
    return { summary: modelSummary(model, bytes, file), checksum };
  } finally {
    model.dispose();
  }
}
