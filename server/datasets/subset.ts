import type { Dataset } from './dataset';
import { SeededRandom } from '../runtime/ops/seeded-random';

/** A new data set holding the given rows (copied, in the given order). */
export function takeRows(d: Dataset, rows: ArrayLike<number>, name = d.name): Dataset {
  const n = rows.length;
  const x = new Float32Array(n * d.width);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const src = rows[r]!;
    x.set(d.x.subarray(src * d.width, (src + 1) * d.width), r * d.width);
    y[r] = d.y[src]!;
  }
  const out: Dataset = { name, x, y, n, width: d.width, classes: d.classes, imageShape: d.imageShape };
  if (d.labelNames) out.labelNames = [...d.labelNames];
  return out;
}

/** At most `limit` rows chosen at random (seeded), in shuffled order. */
export function sampleRows(d: Dataset, limit: number, seed: number): Dataset {
  const order = new SeededRandom(seed).permutation(d.n);
  return takeRows(d, order.subarray(0, Math.min(limit, d.n)));
}

/** At most `perClass` rows of every class, chosen at random (seeded), the result shuffled. */
export function sampleBalanced(d: Dataset, perClass: number, seed: number): Dataset {
  const rng = new SeededRandom(seed);
  const order = rng.permutation(d.n);
  const taken = new Array<number>(Math.max(d.classes, 1)).fill(0);
  const rows: number[] = [];
  for (const i of order) {
    const c = d.y[i]!;
    if (c >= 0 && taken[c]! < perClass) {
      taken[c]! += 1;
      rows.push(i);
    }
  }
  rng.shuffle(rows);
  return takeRows(d, rows);
}
