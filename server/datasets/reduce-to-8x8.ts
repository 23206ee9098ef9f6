/**
 * Reduces a grey digit image the way UCI optdigits was made from NIST bitmaps: binarise, crop the
 * digit's bounding box, scale it to fill a 32×32 bitmap (aspect kept, centred), and count the set
 * pixels in each 4×4 block → 8×8 values 0–16. Without the crop-and-scale step MNIST (a 20×20 digit
 * centred by mass in 28×28) and optdigits (size-normalised) barely overlap.
 */
export function reduceTo8x8(pixels: ArrayLike<number>, side: number, threshold = 0.5): Uint8Array {
  let rmin = side;
  let rmax = -1;
  let cmin = side;
  let cmax = -1;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      if (pixels[r * side + c]! >= threshold) {
        if (r < rmin) rmin = r;
        if (r > rmax) rmax = r;
        if (c < cmin) cmin = c;
        if (c > cmax) cmax = c;
      }
    }
  }
  const out = new Uint8Array(64);
  if (rmax < 0) return out;
  const h = rmax - rmin + 1;
  const w = cmax - cmin + 1;
  const scale = 32 / Math.max(h, w);
  const H = Math.min(32, Math.max(1, Math.round(h * scale)));
  const W = Math.min(32, Math.max(1, Math.round(w * scale)));
  const top = Math.floor((32 - H) / 2);
  const left = Math.floor((32 - W) / 2);
  for (let i = 0; i < H; i++) {
    // Nearest neighbour on the binary image: each target pixel takes the source pixel under its centre.
    const sr = rmin + Math.min(h - 1, Math.floor((i + 0.5) / scale));
    for (let j = 0; j < W; j++) {
      const sc = cmin + Math.min(w - 1, Math.floor((j + 0.5) / scale));
      if (pixels[sr * side + sc]! >= threshold) {
        const r = top + i;
        const c = left + j;
        out[(r >> 2) * 8 + (c >> 2)]! += 1;
      }
    }
  }
  return out;
}
