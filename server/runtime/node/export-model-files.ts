import type { ModelPreprocessing } from '../../../formats/model-preprocessing';
import * as tf from '@tensorflow/tfjs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Ensemble } from '../boosting/ensemble';
import { ensembleToLayersModel, safeArtifactName, toSequential } from '../model/export-model';
import type { Model } from '../model/model';

/** Writes model.json + weights.bin under artifactDir/<name>/ (node:fs; tfjs-node's file:// handler is absent). */
export async function exportModel(model: Model, headIndex: number, artifactDir: string, name: string, ensemble?: Ensemble, preprocessing?: ModelPreprocessing): Promise<string> {
  const dir = path.join(artifactDir, safeArtifactName(name));
  await mkdir(dir, { recursive: true });
  const seq = ensemble ? ensembleToLayersModel(ensemble) : toSequential(model, headIndex);
  try {
    await seq.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weightData = artifacts.weightData;
        const buffers = weightData === undefined ? [] : Array.isArray(weightData) ? weightData : [weightData];
        const bin = Buffer.concat(buffers.map((b) => Buffer.from(b)));
        const head = model.spec.heads[headIndex]!;
        const json = {
          format: artifacts.format ?? 'layers-model',
          generatedBy: artifacts.generatedBy,
          convertedBy: 'stepstone',
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
          // Zero-shot heads output attribute vectors: the class embeddings travel with the model.
          userDefinedMetadata: head.kind === 'embedding' ? { classAttributes: head.attributes, unseenClasses: head.unseen ?? [] } : { classes: head.classes, ...(ensemble ? { ensemble: { rounds: ensemble.members.length, voteWeights: ensemble.weights } } : {}) },
        };
        await writeFile(path.join(dir, 'weights.bin'), bin);
        await writeFile(path.join(dir, 'model.json'), JSON.stringify(json));
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: bin.length } };
      }),
    );
  } finally {
    seq.dispose();
  }
  if (preprocessing) await writeFile(path.join(dir, 'preprocessing.json'), `${JSON.stringify(preprocessing, null, 2)}\n`);
  return dir;
}
