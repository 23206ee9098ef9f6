import * as tf from '@tensorflow/tfjs';
import { modelJsonSchema, MODEL_CLASSES, SUPPORTED_LAYER_CLASSES } from '../../formats/pretrained-model';
import { DatasetError } from './dataset';

type Json = Record<string, unknown>;

/** The one model.json of the upload (at the top or in one folder) and the folder weight paths are relative to. */
function findModelJson(files: ReadonlyMap<string, Uint8Array>, file: string): { path: string; folder: string } {
  const found = [...files.keys()].filter((p) => p === 'model.json' || p.endsWith('/model.json'));
  if (found.length === 0) throw new DatasetError('has no model.json. Upload the model.json of a TF.js layers model together with its weight (.bin) files.', { file });
  if (found.length > 1) throw new DatasetError(`has ${found.length} model.json files (${found.slice(0, 3).join(', ')}); upload one model.`, { file });
  const path = found[0]!;
  return { path, folder: path.slice(0, path.length - 'model.json'.length) };
}

function parseJson(bytes: Uint8Array, file: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new DatasetError(`model.json is not valid JSON (${err instanceof Error ? err.message : String(err)}).`, { file });
  }
}

/** The layer list of a topology (Sequential's old array form, or config.layers), with the model class checked. */
function topologyLayers(topology: Json, file: string): Json[] {
  const top = (topology.model_config ?? topology) as Json;
  const cls = String(top.class_name ?? '');
  if (!(MODEL_CLASSES as readonly string[]).includes(cls)) throw new DatasetError(`model.json describes a "${cls.slice(0, 60)}", not a Sequential or functional layers model.`, { file });
  const config = top.config as unknown;
  const layers = Array.isArray(config) ? config : (config as Json | undefined)?.layers;
  if (!Array.isArray(layers) || layers.length === 0) throw new DatasetError('model.json has no layers.', { file });
  return layers as Json[];
}

/**
 * Refuses any layer class outside SUPPORTED_LAYER_CLASSES, naming the layer (name and class), before TF.js
 * sees the topology: nothing unknown is ever deserialised. Nested models (Teachable Machine's exports, Stepstone's
 * own exports) are checked layer by layer, to a depth of 4.
 */
export function checkLayerClasses(topology: Json, file: string, depth = 0): void {
  for (const layer of topologyLayers(topology, file)) {
    const cls = String(layer.class_name ?? '');
    if ((SUPPORTED_LAYER_CLASSES as readonly string[]).includes(cls)) continue;
    if ((MODEL_CLASSES as readonly string[]).includes(cls) && depth < 4) {
      checkLayerClasses(layer, file, depth + 1);
      continue;
    }
    const name = String((layer.config as Json | undefined)?.name ?? layer.name ?? '?');
    throw new DatasetError(
      `layer "${name.slice(0, 80)}" is a ${cls.slice(0, 60) || 'layer without a class'}, which Stepstone does not run. Supported layers: ${SUPPORTED_LAYER_CLASSES.join(', ')}.`,
      { file },
    );
  }
}

/**
 * model.json validated (zod: format, topology, manifest), every weight path resolved inside the upload and
 * present, the weight files concatenated in manifest order: in-memory artifacts for tf.io.fromMemory. Nothing
 * is fetched; a path that is not in the upload is an error, never a request.
 */
export function modelArtifacts(files: ReadonlyMap<string, Uint8Array>, file: string): tf.io.ModelArtifacts {
  const where = findModelJson(files, file);
  const parsed = modelJsonSchema.safeParse(parseJson(files.get(where.path)!, file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DatasetError(`model.json: ${issue.path.join('.') || 'document'}: ${issue.message}`, { file });
  }
  const json = parsed.data;
  checkLayerClasses(json.modelTopology, file);
  const buffers: Uint8Array[] = [];
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) {
      const bytes = files.get(where.folder + p.replace(/^\.\//, ''));
      if (!bytes) throw new DatasetError(`model.json names the weight file "${p}", which is not in the upload. Upload it with model.json.`, { file });
      buffers.push(bytes);
    }
  }
  const expected = weightSpecs.reduce((n, w) => n + w.shape.reduce((a, d) => a * d, 1) * 4, 0);
  const weightData = concatToBuffer(buffers);
  if (weightData.byteLength !== expected) {
    throw new DatasetError(`the weight files hold ${weightData.byteLength} bytes but model.json's manifest describes ${expected}; upload the weight files that go with this model.json.`, { file });
  }
  return { modelTopology: json.modelTopology, weightSpecs, weightData, format: json.format };
}

function concatToBuffer(parts: Uint8Array[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, c) => n + c.length, 0));
  let k = 0;
  for (const c of parts) {
    out.set(c, k);
    k += c.length;
  }
  return out.buffer;
}
