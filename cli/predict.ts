/**
 * npm run predict -- <exported model dir> <data.csv> > predictions.csv
 * Applies a model exported by a run (model.json + weights.bin + preprocessing.json) to a new CSV, read with the
 * training file's options and scaling: one line per row (row, split = all, predicted class, class probabilities).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { modelPreprocessingSchema, type ModelPreprocessing } from '../formats/model-preprocessing';
import { predictionsCsv, type PredictionRow } from '../formats/predictions';
import { DatasetError } from '../server/datasets/dataset';
import { selectBackend } from '../server/runtime/backend/select-backend';
import { loadExportedModel } from '../server/runtime/node/load-exported-model';
import { applyScaling } from '../server/runtime/train/feature-scaling';
import { readModelInput } from './predict-input';

async function readPreprocessing(dir: string): Promise<ModelPreprocessing> {
  let text: string;
  try {
    text = await readFile(path.join(dir, 'preprocessing.json'), 'utf8');
  } catch {
    throw new Error(`${dir} has no preprocessing.json: export the model from a run of this version (an Export model node).`);
  }
  const parsed = modelPreprocessingSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${dir}/preprocessing.json is not valid: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** Predictions for every row of `file` with the model in `dir`, as the run page's CSV (split "all"). */
export async function predictFile(dir: string, file: string): Promise<string> {
  const prep = await readPreprocessing(dir);
  const x = await readModelInput(file, prep);
  const n = x.length / prep.width;
  if (prep.scaling) applyScaling(x, prep.width, prep.scaling.kind, { mean: Float64Array.from(prep.scaling.mean), std: Float64Array.from(prep.scaling.std), min: Float64Array.from(prep.scaling.min), max: Float64Array.from(prep.scaling.max) });
  await selectBackend();
  const model = await loadExportedModel(dir);
  try {
    const out = tf.tidy(() => tf.softmax(model.predict(tf.tensor2d(x, [n, prep.width])) as tf.Tensor2D));
    const values = out.dataSync();
    out.dispose();
    const k = prep.classNames.length;
    const rows: PredictionRow[] = Array.from({ length: n }, (_, i) => {
      const probs = Array.from(values.subarray(i * k, (i + 1) * k), (v) => Math.round(v * 1e4) / 1e4);
      return [i, 'all', probs.reduce((best, v, j) => (v > probs[best]! ? j : best), 0), probs];
    });
    return predictionsCsv(prep.classNames, rows);
  } finally {
    model.dispose();
  }
}

async function main(argv: string[]): Promise<number> {
  const [dir, file] = argv;
  if (!dir || !file || argv.length !== 2) {
    console.error('Usage: npm run predict -- <exported model dir> <data.csv> > predictions.csv');
    return 1;
  }
  process.stdout.write(await predictFile(path.resolve(dir), path.resolve(file)));
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`error: ${error instanceof DatasetError || error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
