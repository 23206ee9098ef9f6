import { builtinDatasets } from '../../../nodes/core/dataset-catalog';
import type { Dataset } from '../dataset';
import { SeededRandom } from '../../runtime/ops/seeded-random';

export interface GaussianBlobsOptions {
  samples: number;
  /** Added to both coordinates of every point: a pure covariate shift. */
  shift: number;
  /** Standard deviation of each cluster. */
  spread: number;
  seed: number;
}

/** Fixed cluster centres on a circle of radius 2.5 (90°, 210°, 330°), so classes differ only by the seed's noise. */
export const BLOB_CENTRES: readonly (readonly [number, number])[] = [90, 210, 330].map((deg) => {
  const t = (deg * Math.PI) / 180;
  return [2.5 * Math.cos(t), 2.5 * Math.sin(t)] as const;
});

/** Three isotropic Gaussian clusters, samples split as evenly as possible (earlier classes get the remainder), shuffled. */
export function gaussianBlobs(opts: GaussianBlobsOptions): Dataset {
  const n = opts.samples;
  const k = BLOB_CENTRES.length;
  const rng = new SeededRandom(opts.seed);
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const label = new Int32Array(n);
  let i = 0;
  for (let c = 0; c < k; c++) {
    const count = Math.floor(n / k) + (c < n % k ? 1 : 0);
    const [mx, my] = BLOB_CENTRES[c]!;
    for (let j = 0; j < count; j++, i++) {
      px[i] = mx + opts.spread * rng.normal() + opts.shift;
      py[i] = my + opts.spread * rng.normal() + opts.shift;
      label[i] = c;
    }
  }
  const order = rng.permutation(n);
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const src = order[r]!;
    x[2 * r] = px[src]!;
    x[2 * r + 1] = py[src]!;
    y[r] = label[src]!;
  }
  return { name: 'gaussian-blobs', x, y, n, width: 2, classes: k, imageShape: null, labelNames: [...builtinDatasets['gaussian-blobs'].classNames] };
}
