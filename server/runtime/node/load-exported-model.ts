import * as tf from '@tensorflow/tfjs';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlanExtractor } from '../../../formats/training-plan';
import { PlanInputError } from '../plan-input-error';
import type { Model } from '../model/model';

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  format?: string;
}

/** Loads a model written by exportModel (TF.js format only: JSON topology + raw float weights, never code). */
export async function loadExportedModel(dir: string): Promise<tf.LayersModel> {
  const json = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8')) as ModelJson;
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const buffers: Buffer[] = [];
  for (const group of json.weightsManifest ?? []) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) {
      // Weight files must sit beside model.json.
      if (path.basename(p) !== p) throw new Error(`model.json names a weights file outside its folder: ${p}`);
      buffers.push(await readFile(path.join(dir, p)));
    }
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData, format: json.format }));
}

/**
 * Pretrained extractor: copies the artifact's layer weights, in order, into the extractor's layers that carry
 * weights (dense / conv2d). Shapes must match; the artifact's remaining layers (its old head) are ignored.
 */
/** Checks, before any training, that a pretrained extractor's artifact can be found; returns its folder. */
export async function checkPretrainedArtifact(extractor: PlanExtractor, artifactDir: string | undefined): Promise<string> {
  const name = extractor.artifact;
  if (!name) throw new PlanInputError('A pretrained extractor needs an artifact to load.', extractor.nodeId, 'artifact');
  if (!artifactDir) throw new PlanInputError('No artifact folder is configured on this server, so a pretrained model cannot be loaded.', extractor.nodeId, 'artifact');
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.')) throw new PlanInputError(`Artifact name "${name}" is not a plain folder name.`, extractor.nodeId, 'artifact');
  const dir = path.join(artifactDir, name);
  try {
    await access(path.join(dir, 'model.json'));
  } catch {
    throw new PlanInputError(`Artifact "${name}" was not found (no ${name}/model.json in the artifact folder). Export a model under that name first.`, extractor.nodeId, 'artifact');
  }
  return dir;
}

export async function loadPretrainedWeights(model: Model, extractor: PlanExtractor, artifactDir: string | undefined): Promise<void> {
  const dir = await checkPretrainedArtifact(extractor, artifactDir);
  const name = extractor.artifact!;
  let loaded: tf.LayersModel;
  try {
    loaded = await loadExportedModel(dir);
  } catch (error) {
    throw new PlanInputError(`Cannot load artifact "${name}": ${error instanceof Error ? error.message : String(error)}`, extractor.nodeId, 'artifact');
  }
  try {
    const source = loaded.layers.map((l) => l.getWeights()).filter((w) => w.length === 2);
    const targets = model.extractor.layers.filter((l) => l.kernel && l.bias);
    if (source.length < targets.length) {
      throw new PlanInputError(`Artifact "${name}" has ${source.length} weighted layers; the extractor needs ${targets.length}.`, extractor.nodeId, 'artifact');
    }
    targets.forEach((l, i) => {
      const [k, b] = source[i]!;
      if (k!.shape.join() !== l.kernel!.shape.join() || b!.shape.join() !== l.bias!.shape.join()) {
        throw new PlanInputError(
          `Artifact "${name}", layer ${i + 1}: weights of shape [${k!.shape.join(', ')}] do not fit extractor layer ${l.spec.name} [${l.kernel!.shape.join(', ')}].`,
          extractor.nodeId,
          'artifact',
        );
      }
      l.kernel!.assign(k!);
      l.bias!.assign(b!);
    });
  } finally {
    loaded.dispose();
  }
}
