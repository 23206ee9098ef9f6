import * as tf from '@tensorflow/tfjs';
import type { ModelPreprocessing } from '../../../formats/model-preprocessing';
import type { Ensemble } from '../boosting/ensemble';
import { ensembleToLayersModel, toSequential } from './export-model';
import type { Model } from './model';

/** One file of an exported model (model.json, weights.bin, preprocessing.json). */
export interface ModelFile {
  readonly name: string;
  readonly data: Uint8Array;
}

function concat(parts: readonly ArrayBuffer[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out;
}

/**
 * The exported model's files, in memory (isomorphic): a TF.js layers model (model.json + weights.bin) of the
 * extractor and one head, or of TrAdaBoost's vote, plus the preprocessing it expects. The server writes them to
 * the artifact folder (node/export-model-files.ts); a browser run offers them as a download.
 */
export async function modelArtifacts(model: Model, headIndex: number, ensemble?: Ensemble, preprocessing?: ModelPreprocessing): Promise<ModelFile[]> {
  const seq = ensemble ? ensembleToLayersModel(ensemble) : toSequential(model, headIndex);
  const files: ModelFile[] = [];
  const encode = (text: string) => new TextEncoder().encode(text);
  try {
    await seq.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weightData = artifacts.weightData;
        const bin = concat(weightData === undefined ? [] : Array.isArray(weightData) ? weightData : [weightData]);
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
        files.push({ name: 'weights.bin', data: bin }, { name: 'model.json', data: encode(JSON.stringify(json)) });
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: bin.length } };
      }),
    );
  } finally {
    seq.dispose();
  }
  if (preprocessing) files.push({ name: 'preprocessing.json', data: encode(`${JSON.stringify(preprocessing, null, 2)}\n`) });
  return files;
}
