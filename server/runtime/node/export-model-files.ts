import type { ModelPreprocessing } from '../../../formats/model-preprocessing';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Ensemble } from '../boosting/ensemble';
import { safeArtifactName } from '../model/export-model';
import { modelArtifacts } from '../model/model-artifacts';
import type { Model } from '../model/model';

/** Writes model.json + weights.bin (+ preprocessing.json) under artifactDir/<name>/ (node:fs; tfjs-node's file:// handler is absent). */
export async function exportModel(model: Model, headIndex: number, artifactDir: string, name: string, ensemble?: Ensemble, preprocessing?: ModelPreprocessing): Promise<string> {
  const dir = path.join(artifactDir, safeArtifactName(name));
  await mkdir(dir, { recursive: true });
  for (const file of await modelArtifacts(model, headIndex, ensemble, preprocessing)) await writeFile(path.join(dir, file.name), file.data);
  return dir;
}
