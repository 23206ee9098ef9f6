import { describe, expect, it } from 'vitest';
import { reduceTo8x8 } from './reduce-to-8x8';

function image(side: number, on: (r: number, c: number) => boolean): Float32Array {
  const p = new Float32Array(side * side);
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) p[r * side + c] = on(r, c) ? 1 : 0;
  return p;
}

describe('reduceTo8x8', () => {
  it('scales a filled square (anywhere, any size) to fill the whole 32×32: every block counts 16', () => {
    const small = reduceTo8x8(image(28, (r, c) => r >= 3 && r < 8 && c >= 20 && c < 25), 28);
    expect(Array.from(small)).toEqual(new Array(64).fill(16));
  });

  it('keeps the aspect ratio and centres: a 20×10 bar fills 32×16 in the middle columns', () => {
    const out = reduceTo8x8(image(28, (r, c) => r >= 4 && r < 24 && c >= 2 && c < 12), 28);
    for (let br = 0; br < 8; br++) {
      expect(Array.from(out.subarray(br * 8, br * 8 + 8))).toEqual([0, 0, 16, 16, 16, 16, 0, 0]);
    }
  });

  it('binarises at the threshold and returns zeros for an empty image', () => {
    expect(Array.from(reduceTo8x8(new Float32Array(784).fill(0.4), 28))).toEqual(new Array(64).fill(0));
    expect(Array.from(reduceTo8x8(new Float32Array(784).fill(0.6), 28))).toEqual(new Array(64).fill(16));
  });

  it('counts a one-pixel-wide vertical line as 32 set pixels in a 2-pixel-wide centred column', () => {
    // A 1×20 line scales by 32/20 = 1.6 → width round(1.6) = 2, centred at columns 15–16.
    const out = reduceTo8x8(image(28, (r, c) => c === 14 && r >= 4 && r < 24), 28);
    const total = out.reduce((a, b) => a + b, 0);
    expect(total).toBe(64);
    for (let br = 0; br < 8; br++) {
      expect(out[br * 8 + 3]).toBe(4);
      expect(out[br * 8 + 4]).toBe(4);
    }
  });
});
