import * as tf from '@tensorflow/tfjs';
import type { SeededRandom } from '../ops/seeded-random';
import { FlatAdam } from './flat-adam';
import type { LossTerm, StageSnapshot } from './types';

/**
 * What an exact resume needs besides the model's weights (see StageSnapshot): read at a report, after the stepper
 * wrote the flat vector back into the variables (so the terms' variables are current). One host read per tensor,
 * only when a checkpoint is actually written. Reads are asynchronous: WebGPU (in Node and in browsers) has no
 * synchronous read.
 */
export async function captureStageState(rng: SeededRandom, optimizer: tf.Optimizer | FlatAdam, terms: readonly LossTerm[]): Promise<StageSnapshot> {
  const wanted: [string, tf.Tensor][] = [];
  const owned: tf.Tensor[] = [];
  const put = (name: string, t: tf.Tensor) => wanted.push([name, t]);
  let adam: StageSnapshot['adam'] = null;
  if (optimizer instanceof FlatAdam) {
    const s = optimizer.snapshot();
    adam = { accBeta1: s.accBeta1, accBeta2: s.accBeta2 };
    if (s.m) put('optimizer/m', s.m);
    if (s.v) put('optimizer/v', s.v);
  }
  terms.forEach((term, k) => {
    term.variables.forEach((v, i) => put(`term/${k}/${i}`, v));
    const own = term.checkpoint?.();
    for (const [name, t] of own ?? []) put(`term/${k}/${name}`, t);
    owned.push(...(own?.values() ?? []));
  });
  const stateWord = rng.stateWord; // before any await: the generator must be read at this report
  try {
    const values = await Promise.all(wanted.map(([, t]) => t.data()));
    const tensors = new Map(wanted.map(([name, t], i) => [name, { shape: [...t.shape], values: Float32Array.from(values[i] as Float32Array) }]));
    return { rng: stateWord, adam, tensors };
  } finally {
    tf.dispose(owned);
  }
}

/** Puts a snapshot back: before the stepper is built (it reads the variables into its flat vector). */
export function restoreStageState(saved: StageSnapshot, rng: SeededRandom, optimizer: tf.Optimizer | FlatAdam, terms: readonly LossTerm[]): void {
  const tensor = (name: string) => {
    const w = saved.tensors.get(name);
    return w ? tf.tensor(w.values, w.shape) : null;
  };
  rng.stateWord = saved.rng;
  if (optimizer instanceof FlatAdam && saved.adam) {
    const [m, v] = [tensor('optimizer/m'), tensor('optimizer/v')];
    optimizer.restore({ m, v, ...saved.adam });
    tf.dispose([m, v].filter((t): t is tf.Tensor => t !== null));
  }
  terms.forEach((term, k) => {
    term.variables.forEach((v, i) => {
      const t = tensor(`term/${k}/${i}`);
      if (t && t.shape.join() === v.shape.join()) v.assign(t);
      t?.dispose();
    });
    if (!term.restore) return;
    const prefix = `term/${k}/`;
    const own = new Map<string, tf.Tensor>();
    for (const name of saved.tensors.keys()) if (name.startsWith(prefix) && !/^\d+$/.test(name.slice(prefix.length))) own.set(name.slice(prefix.length), tensor(name)!);
    term.restore(own);
    tf.dispose([...own.values()]);
  });
}
