import { describe, expect, it } from 'vitest';
import { BLOB_CENTRES, gaussianBlobs } from './gaussian-blobs';

function classMeans(d: ReturnType<typeof gaussianBlobs>): [number, number][] {
  const sums = Array.from({ length: d.classes }, () => [0, 0, 0]);
  for (let i = 0; i < d.n; i++) {
    const s = sums[d.y[i]!]!;
    s[0]! += d.x[2 * i]!;
    s[1]! += d.x[2 * i + 1]!;
    s[2]! += 1;
  }
  return sums.map((s) => [s[0]! / s[2]!, s[1]! / s[2]!]);
}

describe('gaussianBlobs', () => {
  it('is deterministic, 3 classes, balanced', () => {
    const a = gaussianBlobs({ samples: 301, shift: 0, spread: 0.6, seed: 2 });
    const b = gaussianBlobs({ samples: 301, shift: 0, spread: 0.6, seed: 2 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(a.classes).toBe(3);
    expect(a.x.length).toBe(602);
    const counts = [0, 0, 0];
    for (const v of a.y) counts[v]! += 1;
    expect(counts).toEqual([101, 100, 100]);
  });

  it('centres clusters where expected, and shift moves them by (shift, shift)', () => {
    const a = gaussianBlobs({ samples: 3000, shift: 0, spread: 0.5, seed: 4 });
    const s = gaussianBlobs({ samples: 3000, shift: 3, spread: 0.5, seed: 4 });
    const ma = classMeans(a);
    const ms = classMeans(s);
    for (let c = 0; c < 3; c++) {
      expect(ma[c]![0]).toBeCloseTo(BLOB_CENTRES[c]![0], 1);
      expect(ma[c]![1]).toBeCloseTo(BLOB_CENTRES[c]![1], 1);
      expect(ms[c]![0] - ma[c]![0]).toBeCloseTo(3, 5);
      expect(ms[c]![1] - ma[c]![1]).toBeCloseTo(3, 5);
    }
  });

  it('spread sets the within-class standard deviation', () => {
    const d = gaussianBlobs({ samples: 6000, shift: 0, spread: 1.5, seed: 9 });
    const m = classMeans(d);
    let ss = 0;
    for (let i = 0; i < d.n; i++) ss += (d.x[2 * i]! - m[d.y[i]!]![0]) ** 2;
    expect(Math.sqrt(ss / d.n)).toBeGreaterThan(1.4);
    expect(Math.sqrt(ss / d.n)).toBeLessThan(1.6);
  });
});
