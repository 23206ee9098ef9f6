import type { Dataset } from '../dataset';
import { decodeIdx } from '../parse-idx';
import { withLimits } from '../limits';
import { readShippedGz } from './read-shipped';

/**
 * Decodes a shipped images + labels IDX pair; stored values are divided by `scale` to land in [0, 1]
 * (mnist-8x8 block counts by 16, fashion-mnist bytes by 255).
 */
export async function loadShippedIdxPair(
  name: string,
  imagesFile: string,
  labelsFile: string,
  meta: { classes: number; labelNames: string[]; scale: number },
): Promise<Dataset> {
  const limits = withLimits({ maxRows: 1_000_000, maxCells: 100_000_000 });
  const images = decodeIdx(await readShippedGz(imagesFile), imagesFile, limits);
  const labels = decodeIdx(await readShippedGz(labelsFile), labelsFile, limits);
  const n = images.dims[0]!;
  const width = images.dims.slice(1).reduce((a, b) => a * b, 1);
  const x = new Float32Array(n * width);
  for (let i = 0; i < x.length; i++) x[i] = images.values[i]! / meta.scale;
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = labels.values[i]!;
  const d = images.dims;
  return { name, x, y, n, width, classes: meta.classes, imageShape: [d[1]!, d[2]!, 1], labelNames: meta.labelNames };
}
