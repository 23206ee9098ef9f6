import type { ColumnSummary, UploadPreview } from '../../formats/upload-preview';
import { PREVIEW_VERSION } from '../../formats/upload-preview';
import type { Dataset } from './dataset';
import type { ParsedUpload } from './parse-upload';
import { SeededRandom } from '../runtime/ops/seeded-random';

const SCATTER_POINTS = 300;
const IMAGES_PER_CLASS = 4;

/** Name of class c: its text label, else its number. */
export function className(d: Dataset, c: number): string {
  return d.labelNames?.[c] ?? String(c);
}

/** Min, max, mean and standard deviation of feature j over all rows. */
function featureStats(d: Dataset, j: number): Pick<ColumnSummary, 'min' | 'max' | 'mean' | 'std'> {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < d.n; i++) {
    const v = d.x[i * d.width + j]!;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sq += v * v;
  }
  const mean = sum / d.n;
  return { min, max, mean, std: Math.sqrt(Math.max(0, sq / d.n - mean * mean)) };
}

function columnSummaries(d: Dataset, parsed: ParsedUpload, unlabelled: number): ColumnSummary[] {
  const table = parsed.table;
  const features = table?.featureColumns ?? Array.from({ length: Math.min(d.width, 64) }, (_, j) => `pixel ${j + 1}`);
  const out: ColumnSummary[] = features.slice(0, 200).map((name, j) => ({ name, role: 'feature', missing: 0, ...featureStats(d, j) }));
  if (parsed.labelColumn !== undefined) out.push({ name: parsed.labelColumn, role: 'label', min: null, max: null, mean: null, std: null, missing: unlabelled });
  for (const name of table?.ignoredColumns ?? []) out.push({ name, role: 'ignored', min: null, max: null, mean: null, std: null, missing: 0 });
  return out;
}

function classCounts(d: Dataset): { classes: UploadPreview['classes']; unlabelled: number } {
  const counts = new Array<number>(d.classes).fill(0);
  let unlabelled = 0;
  for (const c of d.y) {
    if (c < 0) unlabelled++;
    else counts[c] = (counts[c] ?? 0) + 1;
  }
  return { classes: counts.map((count, c) => ({ name: className(d, c), count })), unlabelled };
}

/** Scales each axis to [0, 1]. */
function normalisePoints(xs: number[], ys: number[], labels: number[]): [number, number, number][] {
  const span = (v: number[]) => {
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    return (x: number) => (hi > lo ? (x - lo) / (hi - lo) : 0.5);
  };
  const fx = span(xs);
  const fy = span(ys);
  return xs.map((x, i) => [Number(fx(x).toFixed(4)), Number(fy(ys[i]!).toFixed(4)), labels[i]!]);
}

/** Up to 300 rows: the two columns themselves when there are two, else PCA of the standardised features. */
async function scatter(d: Dataset, featureNames: readonly string[]): Promise<UploadPreview['scatter']> {
  if (d.n < 2) return null;
  const rows = Array.from(new SeededRandom(1).permutation(d.n).subarray(0, SCATTER_POINTS));
  const labels = rows.map((r) => d.y[r]!);
  if (d.width <= 2) {
    const xs = rows.map((r) => d.x[r * d.width]!);
    const ys = rows.map((r) => (d.width === 2 ? d.x[r * d.width + 1]! : 0));
    return { axes: [featureNames[0] ?? 'x', featureNames[1] ?? '—'], points: normalisePoints(xs, ys, labels) };
  }
  const stats = Array.from({ length: d.width }, (_, j) => featureStats(d, j));
  const matrix = rows.map((r) => Float64Array.from({ length: d.width }, (_, j) => (d.x[r * d.width + j]! - stats[j]!.mean!) / (stats[j]!.std! || 1)));
  // TF.js loads only when a PCA is needed (it adds seconds to the parsing process's start).
  const { pca2d } = await import('../runtime/metrics/pca');
  const { points } = await pca2d(matrix, { seed: 1, maxIterations: 30 });
  return { axes: ['PC 1', 'PC 2'], points: normalisePoints(points.map((p) => p.x), points.map((p) => p.y), labels) };
}

/** A few images of each class, pixels rounded to 2 decimals. */
function imageSamples(d: Dataset): UploadPreview['images'] {
  if (!d.imageShape) return null;
  const taken = new Map<number, number>();
  const samples: { label: string; pixels: number[] }[] = [];
  for (let i = 0; i < d.n && samples.length < IMAGES_PER_CLASS * Math.max(1, d.classes) && samples.length < 40; i++) {
    const c = d.y[i]!;
    if ((taken.get(c) ?? 0) >= IMAGES_PER_CLASS) continue;
    taken.set(c, (taken.get(c) ?? 0) + 1);
    const pixels = Array.from(d.x.subarray(i * d.width, (i + 1) * d.width), (v) => Math.round(v * 100) / 100);
    samples.push({ label: c < 0 ? 'unlabelled' : className(d, c), pixels });
  }
  return { shape: d.imageShape, samples };
}

/** The preview of a parsed upload: first rows, per-column summary, class histogram, a scatter or an image grid. */
export async function buildPreview(parsed: ParsedUpload): Promise<UploadPreview> {
  const d = parsed.dataset;
  const { classes, unlabelled } = classCounts(d);
  const featureNames = parsed.table?.featureColumns ?? [];
  return {
    version: PREVIEW_VERSION,
    head: { columns: parsed.table?.columns ?? [], rows: parsed.table?.firstRows ?? [] },
    columns: columnSummaries(d, parsed, unlabelled),
    classes,
    unlabelled,
    scatter: d.imageShape && !parsed.table ? null : await scatter(d, featureNames),
    images: imageSamples(d),
  };
}
