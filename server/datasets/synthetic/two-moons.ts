import { builtinDatasets } from '../../../nodes/core/dataset-catalog';
import type { Dataset } from '../dataset';
import { SeededRandom } from '../../runtime/ops/seeded-random';

export interface TwoMoonsOptions {
  samples: number;
  /** Degrees, counter-clockwise, about the centre of the noise-free moons. */
  rotation: number;
  noise: number;
  seed: number;
}

/** Centre of scikit-learn's moons (x ∈ [−1, 2], y ∈ [−0.5, 1]): the rotation pivot. */
export const TWO_MOONS_CENTRE = [0.5, 0.25] as const;

/**
 * Two interleaving half circles as scikit-learn's make_moons draws them (⌊n/2⌋ points on the
 * outer moon = class 0, the rest on the inner moon = class 1, Gaussian noise, shuffled), then
 * rotated about the centre. Rotation is applied last and does not consume random numbers, so the
 * same seed at two rotations gives the same points, rotated — a rotation series is exactly that.
 */
export function twoMoons(opts: TwoMoonsOptions): Dataset {
  const n = opts.samples;
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const rng = new SeededRandom(opts.seed);
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const label = new Int32Array(n);
  for (let i = 0; i < nOut; i++) {
    const t = nOut > 1 ? (Math.PI * i) / (nOut - 1) : 0;
    px[i] = Math.cos(t);
    py[i] = Math.sin(t);
    label[i] = 0;
  }
  for (let i = 0; i < nIn; i++) {
    const t = nIn > 1 ? (Math.PI * i) / (nIn - 1) : 0;
    px[nOut + i] = 1 - Math.cos(t);
    py[nOut + i] = 1 - Math.sin(t) - 0.5;
    label[nOut + i] = 1;
  }
  for (let i = 0; i < n; i++) {
    px[i] = px[i]! + opts.noise * rng.normal();
    py[i] = py[i]! + opts.noise * rng.normal();
  }
  const order = rng.permutation(n);
  const theta = (opts.rotation * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const [cx, cy] = TWO_MOONS_CENTRE;
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const dx = px[i]! - cx;
    const dy = py[i]! - cy;
    x[2 * k] = cx + cos * dx - sin * dy;
    x[2 * k + 1] = cy + sin * dx + cos * dy;
    y[k] = label[i]!;
  }
  return { name: 'two-moons', x, y, n, width: 2, classes: 2, imageShape: null, labelNames: [...builtinDatasets['two-moons'].classNames] };
}
