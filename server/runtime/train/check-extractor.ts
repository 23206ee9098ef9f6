import type { PlanDomain, PlanExtractor } from '../../../formats/training-plan';
import { PlanInputError } from '../plan-input-error';
import type { ModelSpec } from '../model/model';

/** Every domain feeding one extractor must have its input width (one set of weights for all of them). */
export function checkExtractorInputs(extractor: PlanExtractor, domains: readonly PlanDomain[]): ModelSpec['extractor'] {
  for (const d of domains) {
    if (d.width !== extractor.inputWidth) {
      throw new PlanInputError(
        `Domain "${d.name}" has ${d.width} features per sample but the extractor takes ${extractor.inputWidth}: ` +
          `every domain connected to one extractor must have the same width (check the data sets of the domain nodes).`,
        extractor.nodeId,
        'inputWidth',
      );
    }
  }
  const needsImage = extractor.layers.some((l) => l.kind === 'conv2d' || l.kind === 'maxPool2d');
  if (needsImage) {
    const shape = extractor.imageShape ?? domains.find((d) => d.imageShape)?.imageShape ?? null;
    if (!shape) throw new PlanInputError('A convolutional extractor needs image data (the domains have no image shape).', extractor.nodeId, 'imageShape');
    if (shape[0] * shape[1] * shape[2] !== extractor.inputWidth) {
      throw new PlanInputError(`Image shape ${shape.join('×')} does not match the input width ${extractor.inputWidth}.`, extractor.nodeId, 'imageShape');
    }
    return { ...extractor, imageShape: shape };
  }
  return extractor;
}
