import type { NodeBuilder } from '../../server/runtime/node-builder';
import { checkExtractorInputs } from '../../server/runtime/train/check-extractor';

/** Runtime of a mlpExtractor node: dense layers, shared by every domain (widths checked before training). */
export const mlpExtractorBuild = {
  type: 'mlpExtractor',
  role: 'extractor',
  extractorSpec: checkExtractorInputs,
} as const satisfies NodeBuilder<'mlpExtractor'>;
