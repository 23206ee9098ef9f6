import { builtinDatasets } from '../../../nodes/core/dataset-catalog';
import type { Dataset } from '../dataset';
import { sampleBalanced } from '../subset';
import { dataFiles } from './data-files';
import { loadShippedIdxPair } from './idx-pair';
import { cached } from './read-shipped';

export const fashionNames: string[] = [...builtinDatasets['fashion-mnist'].classNames];

/** The shipped class-balanced Fashion-MNIST subset (200 per class), pixels scaled to [0, 1]. */
export function loadFashionMnistAll(): Promise<Dataset> {
  return cached('fashion-mnist', () =>
    loadShippedIdxPair('fashion-mnist', dataFiles.fashionImages, dataFiles.fashionLabels, { classes: 10, labelNames: fashionNames, scale: 255 }),
  );
}

export async function loadFashionMnist(opts: { perClass: number; seed: number }): Promise<Dataset> {
  return sampleBalanced(await loadFashionMnistAll(), opts.perClass, opts.seed);
}
