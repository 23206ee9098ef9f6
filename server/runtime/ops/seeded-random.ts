/**
 * Deterministic pseudo-random numbers (mulberry32, 32-bit state): the one generator of the project. Same seed →
 * same sequence on every platform, so generated data sets, shuffles, splits and weight initialisation — and
 * therefore metrics on a given backend — are reproducible. No TF.js here: data-set code uses it too.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new Error(`SeededRandom: seed must be a finite number, got ${seed}`);
    // Mix the seed so that nearby seeds (0, 1, 2, ...) start far apart.
    this.state = hashSeed(Math.trunc(seed));
  }

  /** The generator's whole state (a checkpoint keeps it so that a resumed stage draws the same batches). */
  get stateWord(): number {
    return this.state;
  }

  set stateWord(word: number) {
    this.state = word | 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Integer uniform in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T, A extends { length: number; [i: number]: T }>(items: A): A {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /** An independent generator derived from this one and a label (e.g. one per layer or per track). */
  fork(label: string | number = 0): SeededRandom {
    const base = Math.floor(this.next() * 4294967296);
    return new SeededRandom(base ^ hashString(String(label)));
  }
}

function hashSeed(seed: number): number {
  let h = seed ^ 0x9e3779b9;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h | 0;
}

/** Splits indices 0..n-1 into two shuffled groups, the first of size round(n·fraction). */
export function splitIndices(n: number, fraction: number, rng: SeededRandom): { first: Int32Array; second: Int32Array } {
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`splitIndices: fraction must be in [0, 1], got ${fraction}`);
  const p = rng.permutation(n);
  const cut = Math.round(n * fraction);
  return { first: p.slice(0, cut), second: p.slice(cut) };
}

/** Glorot/Xavier-uniform values for a [fanIn, fanOut] kernel: U(−√(6/(fanIn+fanOut)), +√(...)). */
export function glorotUniformValues(rng: SeededRandom, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < values.length; i++) values[i] = rng.uniform(-limit, limit);
  return values;
}
