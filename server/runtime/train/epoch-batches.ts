import * as tf from '@tensorflow/tfjs';
import type { Pool } from './stage-pools';

/** One step's rows of a pool: features, and for labelled pools the labels, one-hot labels and row weights. */
export interface Batch {
  readonly x: tf.Tensor2D;
  readonly y: tf.Tensor1D | null;
  readonly oneHot: tf.Tensor2D | null;
  readonly weights: tf.Tensor1D | null;
  readonly n: number;
}

interface Rows {
  readonly x: tf.Tensor2D;
  readonly y: tf.Tensor1D | null;
  readonly oneHot: tf.Tensor2D | null;
  readonly weights: tf.Tensor1D | null;
}

/** Rows gathered at once: the epoch's batches in chunks of at most this many floats (bounded memory). */
const CHUNK_FLOATS = 4 * 1024 * 1024;

/**
 * The batches of one epoch of a pool, step `s` taking rows `order[(s·batch + i) mod n]` for i < min(batch, n).
 * Instead of uploading an index and gathering every step, the rows of many steps are gathered at once and each
 * step slices its block (one kernel per tensor); chunks keep the copy under CHUNK_FLOATS.
 */
export class EpochBatches {
  private readonly size: number;
  private readonly stepsPerChunk: number;
  private chunk: { first: number; rows: Rows } | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly order: Int32Array,
    private readonly batch: number,
    private readonly steps: number,
  ) {
    this.size = Math.min(batch, pool.n);
    const rowFloats = pool.x.shape[1] + (pool.oneHot?.shape[1] ?? 0) + 2;
    this.stepsPerChunk = Math.max(1, Math.min(steps, Math.floor(CHUNK_FLOATS / (this.size * rowFloats))));
  }

  /** Step `s`'s batch (tensors belong to the caller's tidy scope). */
  at(s: number): Batch {
    if (!this.chunk || s < this.chunk.first || s >= this.chunk.first + this.stepsPerChunk) this.load(s - (s % this.stepsPerChunk));
    const { first, rows } = this.chunk!;
    const begin = (s - first) * this.size;
    const take = <T extends tf.Tensor>(t: T | null): T | null => (t ? (tf.slice(t, begin, this.size) as T) : null);
    return { x: take(rows.x)!, y: take(rows.y), oneHot: take(rows.oneHot), weights: take(rows.weights), n: this.size };
  }

  private load(first: number): void {
    this.dispose();
    const steps = Math.min(this.stepsPerChunk, this.steps - first);
    const idx = new Int32Array(steps * this.size);
    const n = this.pool.n;
    for (let s = 0; s < steps; s++) for (let i = 0; i < this.size; i++) idx[s * this.size + i] = this.order[((first + s) * this.batch + i) % n]!;
    const p = this.pool;
    const index = tf.tensor1d(idx, 'int32');
    // Kept: loading happens inside a step's tidy, and the chunk serves later steps.
    const keep = <T extends tf.Tensor>(t: T) => tf.keep(t);
    const rows: Rows = {
      x: keep(tf.gather(p.x, index)),
      y: p.y.shape[0] > 0 ? keep(tf.gather(p.y, index)) : null,
      oneHot: p.oneHot ? keep(tf.gather(p.oneHot, index)) : null,
      weights: p.weights ? keep(tf.gather(p.weights, index)) : null,
    };
    index.dispose();
    this.chunk = { first, rows };
  }

  dispose(): void {
    if (this.chunk) for (const t of Object.values(this.chunk.rows)) t?.dispose();
    this.chunk = null;
  }
}
