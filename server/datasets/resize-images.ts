import type { Dataset } from './dataset';

/**
 * Square images resized to `side` × `side` by area averaging: each output pixel is the mean of the input area it
 * covers, fractional pixels weighted by their overlap (shrinks without aliasing; enlarging repeats pixels).
 */
export function resizeImages(ds: Dataset, side: number): Dataset {
  if (!ds.imageShape) throw new Error(`"${ds.name}" is not an image data set, so it cannot be resized.`);
  const [h, w, c] = ds.imageShape;
  if (h === side && w === side) return ds;
  const rows = overlaps(h, side);
  const cols = overlaps(w, side);
  const width = side * side * c;
  const x = new Float32Array(ds.n * width);
  for (let i = 0; i < ds.n; i++) {
    const src = i * h * w * c;
    for (let r = 0; r < side; r++) {
      for (let q = 0; q < side; q++) {
        for (let k = 0; k < c; k++) {
          let sum = 0;
          let area = 0;
          for (const [sr, fr] of rows[r]!) {
            for (const [sq, fq] of cols[q]!) {
              sum += fr * fq * ds.x[src + (sr * w + sq) * c + k]!;
              area += fr * fq;
            }
          }
          x[i * width + (r * side + q) * c + k] = sum / area;
        }
      }
    }
  }
  return { ...ds, x, width, imageShape: [side, side, c] };
}

/** For each of `to` output cells along an axis of `from` pixels: the input pixels it covers and by how much. */
function overlaps(from: number, to: number): [number, number][][] {
  const scale = from / to;
  return Array.from({ length: to }, (_, o) => {
    const a = o * scale;
    const b = (o + 1) * scale;
    const out: [number, number][] = [];
    for (let p = Math.floor(a); p < Math.min(from, Math.ceil(b)); p++) {
      const f = Math.min(b, p + 1) - Math.max(a, p);
      if (f > 1e-9) out.push([p, f]);
    }
    return out;
  });
}
