import type { PlanExtractor } from '../../../formats/training-plan';
import { DatasetError } from '../../datasets/dataset';
import { uploadLimits } from '../../datasets/limits';
import type { ResolvedUpload } from '../../datasets/parse-upload';
import { loadModelUpload } from '../../datasets/uploaded-model';
import type { ModelSpec } from '../model/model';
import { UploadedGraph } from '../model/uploaded-graph';
import { PlanInputError } from '../plan-input-error';

/**
 * A pre-trained extractor reading an uploaded model: the stored zip read again under the upload limits and the
 * same checks (zod-checked model.json, weight paths inside the upload, layer allow-list), loaded in memory, and cut
 * at the plan's feature layer. The caller disposes `uploaded` when the run (or unit) ends.
 */
export async function loadUploadedExtractor(spec: ModelSpec['extractor'], extractor: PlanExtractor, uploads: Readonly<Record<string, ResolvedUpload>>): Promise<ModelSpec['extractor']> {
  const up = extractor.upload;
  if (!up) return spec;
  const resolved = Object.hasOwn(uploads, up.id) ? uploads[up.id] : undefined;
  if (!resolved || resolved.format !== 'model') throw new PlanInputError(`The uploaded model "${up.id}" is not on this server any more.`, extractor.nodeId, 'model');
  const file = resolved.fileName ?? 'model';
  let loaded;
  try {
    loaded = await loadModelUpload(resolved.path, uploadLimits, file);
  } catch (err) {
    if (err instanceof DatasetError) throw new PlanInputError(`Cannot load the uploaded model: ${err.message}`, extractor.nodeId, 'model');
    throw err;
  }
  const shape = loaded.model.inputs[0]!.shape.slice(1).join('×');
  if (shape !== up.inputShape.join('×')) {
    loaded.model.dispose();
    throw new PlanInputError(`The uploaded model's input is ${shape}, not ${up.inputShape.join('×')} as when the graph was compiled.`, extractor.nodeId, 'model');
  }
  const graph = new UploadedGraph(loaded.model, up.featureLayer);
  if (graph.featureWidth !== extractor.outputWidth) {
    graph.dispose();
    throw new PlanInputError(`Layer "${up.featureLayer}" gives ${graph.featureWidth} features, not ${extractor.outputWidth}.`, extractor.nodeId, 'featureLayer');
  }
  return { ...spec, uploaded: graph };
}
