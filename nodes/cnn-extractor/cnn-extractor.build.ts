import type { NodeBuilder } from '../../server/runtime/node-builder';
import { checkExtractorInputs } from '../../server/runtime/train/check-extractor';

/** Runtime of a cnnExtractor node: conv2d / maxPool2d / flatten (+ dense) layers on the image shape, shared by every domain (widths checked before training). */
export const cnnExtractorBuild = {
  type: 'cnnExtractor',
  role: 'extractor',
  extractorSpec: checkExtractorInputs,
} as const satisfies NodeBuilder<'cnnExtractor'>;
