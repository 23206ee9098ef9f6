import { describe, expect, it } from 'vitest';
import { twoMoons, TWO_MOONS_CENTRE } from './two-moons';

describe('twoMoons', () => {
  it('is deterministic from the seed and differs across seeds', () => {
    const a = twoMoons({ samples: 101, rotation: 0, noise: 0.1, seed: 7 });
    const b = twoMoons({ samples: 101, rotation: 0, noise: 0.1, seed: 7 });
    const c = twoMoons({ samples: 101, rotation: 0, noise: 0.1, seed: 8 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
  });

  it('has the right shape and splits classes ⌊n/2⌋ / ⌈n/2⌉', () => {
    const d = twoMoons({ samples: 101, rotation: 0, noise: 0.1, seed: 1 });
    expect(d.n).toBe(101);
    expect(d.width).toBe(2);
    expect(d.x.length).toBe(202);
    expect(d.y.length).toBe(101);
    const ones = Array.from(d.y).filter((v) => v === 1).length;
    expect(101 - ones).toBe(50);
    expect(ones).toBe(51);
    expect(d.classes).toBe(2);
  });

  it('without noise puts class 0 on the outer moon (x²+y²=1) and class 1 on the inner moon', () => {
    const d = twoMoons({ samples: 40, rotation: 0, noise: 0, seed: 3 });
    for (let i = 0; i < d.n; i++) {
      const px = d.x[2 * i]!;
      const py = d.x[2 * i + 1]!;
      if (d.y[i] === 0) {
        expect(Math.hypot(px, py)).toBeCloseTo(1, 5);
        expect(py).toBeGreaterThanOrEqual(-1e-6);
      } else {
        expect(Math.hypot(px - 1, py - 0.5)).toBeCloseTo(1, 5);
        expect(py).toBeLessThanOrEqual(0.5 + 1e-6);
      }
    }
  });

  it('rotates every point about the centre by the given angle', () => {
    const base = twoMoons({ samples: 50, rotation: 0, noise: 0.1, seed: 5 });
    const rot = twoMoons({ samples: 50, rotation: 90, noise: 0.1, seed: 5 });
    const [cx, cy] = TWO_MOONS_CENTRE;
    // 90° counter-clockwise: (dx, dy) → (−dy, dx).
    for (let i = 0; i < base.n; i++) {
      const dx = base.x[2 * i]! - cx;
      const dy = base.x[2 * i + 1]! - cy;
      expect(rot.x[2 * i]!).toBeCloseTo(cx - dy, 5);
      expect(rot.x[2 * i + 1]!).toBeCloseTo(cy + dx, 5);
      expect(rot.y[i]).toBe(base.y[i]);
    }
  });

  it('rotates a known point numerically: (1, 0) by 30° about (0.5, 0.25)', () => {
    // Noise-free, one point per moon: outer moon point at t=0 is (1, 0).
    const d0 = twoMoons({ samples: 2, rotation: 0, noise: 0, seed: 0 });
    const d30 = twoMoons({ samples: 2, rotation: 30, noise: 0, seed: 0 });
    const k = Array.from(d0.y).indexOf(0);
    expect(d0.x[2 * k]).toBeCloseTo(1, 6);
    expect(d0.x[2 * k + 1]).toBeCloseTo(0, 6);
    // (1, 0) − (0.5, 0.25) = (0.5, −0.25); rotated 30°: (0.5·cos30 + 0.25·sin30, 0.5·sin30 − 0.25·cos30).
    expect(d30.x[2 * k]).toBeCloseTo(0.5 + 0.5 * Math.cos(Math.PI / 6) + 0.25 * 0.5, 5);
    expect(d30.x[2 * k + 1]).toBeCloseTo(0.25 + 0.25 - 0.25 * Math.cos(Math.PI / 6), 5);
    expect(d30.x[2 * k]).toBeCloseTo(1.05801, 4);
    expect(d30.x[2 * k + 1]).toBeCloseTo(0.28349, 4);
  });

  it('adds noise with roughly the requested standard deviation', () => {
    const clean = twoMoons({ samples: 4000, rotation: 0, noise: 0, seed: 11 });
    const noisy = twoMoons({ samples: 4000, rotation: 0, noise: 0.2, seed: 11 });
    let ss = 0;
    for (let i = 0; i < clean.x.length; i++) ss += (noisy.x[i]! - clean.x[i]!) ** 2;
    expect(Math.sqrt(ss / clean.x.length)).toBeGreaterThan(0.18);
    expect(Math.sqrt(ss / clean.x.length)).toBeLessThan(0.22);
  });
});
