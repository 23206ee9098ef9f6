import type { NodeBuilder } from '../../server/runtime/node-builder';
import { checkExtractorInputs } from '../../server/runtime/train/check-extractor';
import { checkPretrainedArtifact, loadPretrainedWeights } from '../../server/runtime/node/load-exported-model';
import { loadUploadedExtractor } from '../../server/runtime/node/load-uploaded-model';
import { UploadedStack } from '../../server/runtime/model/uploaded-stack';

/**
 * Runtime of a pretrainedExtractor node. Source "artifact": the plan's layers, with weights copied from a
 * TF.js-format artifact. Source "upload": the uploaded model cut at its feature layer (loadUploadedExtractor);
 * a new model starts from seeded random weights (baselines: the same architecture from scratch) and the method's
 * model gets the uploaded weights.
 */
export const pretrainedExtractorBuild = {
  type: 'pretrainedExtractor',
  role: 'extractor',
  extractorSpec: checkExtractorInputs,
  preflight: async (ex, artifactDir) => (ex.upload ? undefined : checkPretrainedArtifact(ex, artifactDir)),
  prepare: loadUploadedExtractor,
  initialise: async (model, ex, artifactDir) => {
    if (!ex.upload) return loadPretrainedWeights(model, ex, artifactDir);
    if (model.extractor instanceof UploadedStack) model.extractor.loadPretrained();
  },
} as const satisfies NodeBuilder<'pretrainedExtractor'>;
