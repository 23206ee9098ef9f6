import * as tf from '@tensorflow/tfjs';
import type { Boundary, RunEvent, RunTrack } from '../../../formats/run-events';
import { pca2d } from '../metrics/pca';
import type { Model } from '../model/model';
import { SeededRandom } from '../ops/seeded-random';
import type { DomainData, Predictor } from '../train/types';

/** Cells per side of a decision-boundary grid: enough to see the boundary, small enough to store per run. */
const GRID = 40;
const MAX_POINTS = 300;

/** The model's predicted class over a grid spanning the target's rows (2-D inputs only), with those rows. */
export async function decisionBoundary(predict: Predictor, target: DomainData): Promise<Boundary | null> {
  const p = target.prepared;
  if (p.width !== 2 || p.train.n === 0) return null;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < p.train.n; i++) {
    const [x, y] = [p.train.x[2 * i]!, p.train.x[2 * i + 1]!];
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  }
  const padX = (x1 - x0) * 0.1 || 1;
  const padY = (y1 - y0) * 0.1 || 1;
  [x0, x1, y0, y1] = [x0 - padX, x1 + padX, y0 - padY, y1 + padY];
  const cells = new Float32Array(GRID * GRID * 2);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      cells[2 * (r * GRID + c)] = x0 + ((c + 0.5) / GRID) * (x1 - x0);
      cells[2 * (r * GRID + c) + 1] = y0 + ((r + 0.5) / GRID) * (y1 - y0);
    }
  }
  const grid = tf.tensor2d(cells, [GRID * GRID, 2]);
  let classes: number[];
  try {
    classes = Array.from(await predict(grid));
  } finally {
    grid.dispose();
  }
  const points = [];
  for (let i = 0; i < Math.min(p.train.n, MAX_POINTS); i++) points.push({ x: p.train.x[2 * i]!, y: p.train.x[2 * i + 1]!, label: p.trainTrueY[i]! });
  return { x0, x1, y0, y1, nx: GRID, ny: GRID, classes, points };
}

/** PCA of the model's features on a seeded sample of each domain (the source vs target picture). */
export async function featureProjection(model: Model, domains: ReadonlyMap<string, DomainData>, ids: readonly string[], track: RunTrack, seed: number): Promise<RunEvent> {
  const rng = new SeededRandom(seed + 4242);
  const parts: { domain: string; labels: Int32Array; features: tf.Tensor2D }[] = [];
  for (const id of [...new Set(ids)]) {
    const d = domains.get(id);
    if (!d) continue;
    const rows = rng.permutation(d.prepared.train.n).slice(0, 150);
    const features = tf.tidy(() => model.extractor.apply(tf.gather(d.trainX, tf.tensor1d(rows, 'int32'))) as tf.Tensor2D);
    parts.push({ domain: d.prepared.name, labels: Int32Array.from(rows, (r) => d.prepared.trainTrueY[r]!), features });
  }
  const all = tf.concat(parts.map((p) => p.features)) as tf.Tensor2D;
  try {
    const { points } = await pca2d(all, { seed });
    const out: { x: number; y: number; domain: string; label: number }[] = [];
    let k = 0;
    for (const p of parts) for (let i = 0; i < p.labels.length; i++, k++) out.push({ x: points[k]!.x, y: points[k]!.y, domain: p.domain, label: p.labels[i]! });
    return { type: 'projection', track, seed, points: out };
  } finally {
    all.dispose();
    for (const p of parts) p.features.dispose();
  }
}
