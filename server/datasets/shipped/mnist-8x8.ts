import type { Dataset } from '../dataset';
import { sampleBalanced } from '../subset';
import { dataFiles } from './data-files';
import { loadShippedIdxPair } from './idx-pair';
import { digitNames } from './optdigits';
import { cached } from './read-shipped';

/** All shipped MNIST digits reduced to 8×8 block counts (500 per class), scaled from 0–16 to [0, 1] like optdigits. */
export function loadMnist8x8All(): Promise<Dataset> {
  return cached('mnist-8x8', () =>
    loadShippedIdxPair('mnist-8x8', dataFiles.mnist8x8Images, dataFiles.mnist8x8Labels, { classes: 10, labelNames: digitNames, scale: 16 }),
  );
}

export async function loadMnist8x8(opts: { perClass: number; seed: number }): Promise<Dataset> {
  return sampleBalanced(await loadMnist8x8All(), opts.perClass, opts.seed);
}
