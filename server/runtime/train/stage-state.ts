import * as tf from '@tensorflow/tfjs';
import type { SeededRandom } from '../ops/seeded-random';
import { FlatAdam } from './flat-adam';
import type { LossTerm, StageSnapshot } from './types';

/**
 * What an exact resume needs besides the model's weights (see StageSnapshot): read at a report, after the stepper
 * wrote the flat vector back into the variables (so the terms' variables are current). One host read per tensor,
 * only when a checkpoint is actually written.
 */
export function captureStageState(rng: SeededRandom, optimizer: tf.Optimizer | FlatAdam, terms: readonly LossTerm[]): StageSnapshot {
  const tensors = new Map<string, { shape: number[]; values: Float32Array }>();
  const put = (name: string, t: tf.Tensor) => tensors.set(name, { shape: [...t.shape], values: Float32Array.from(t.dataSync() as Float32Array) });
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
    for (const t of own?.values() ?? []) t.dispose();
  });
  return { rng: rng.stateWord, adam, tensors };
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
