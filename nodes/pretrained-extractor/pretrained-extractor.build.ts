import type { NodeBuilder } from '../../server/runtime/node-builder';
import { checkExtractorInputs } from '../../server/runtime/train/check-extractor';
import { checkPretrainedArtifact, loadPretrainedWeights } from '../../server/runtime/node/load-exported-model';

/** Runtime of a pretrainedExtractor node: the plan's layers, with weights copied from a TF.js-format artifact. */
export const pretrainedExtractorBuild = {
  type: 'pretrainedExtractor',
  role: 'extractor',
  extractorSpec: checkExtractorInputs,
  preflight: checkPretrainedArtifact,
  initialise: loadPretrainedWeights,
} as const satisfies NodeBuilder<'pretrainedExtractor'>;
