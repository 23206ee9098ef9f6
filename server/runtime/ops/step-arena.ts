import * as tf from '@tensorflow/tfjs';

/*
 * TF.js keeps what a custom gradient needs by cloning it (one Identity kernel, a copy, per saved tensor), because the
 * forward pass's intermediates die with its scope before backprop runs. Inside a training step that is ~40 copies.
 * A step arena keeps them alive instead: custom ops hand their saved tensors to the arena (kept, not copied), and the
 * arena frees them when the step ends. Only tensors made during the step are kept and freed; older ones (variables,
 * data, the step's batches) outlive the step and are referenced as they are. Outside an arena, custom ops save
 * through TF.js as usual.
 */
let arena: { firstId: number; kept: tf.Tensor[] } | null = null;

/** Keeps `tensors` until the current step ends; false when no step arena is open (then save through TF.js). */
export function keepForStep(tensors: readonly tf.Tensor[]): boolean {
  if (!arena) return false;
  for (const t of tensors) if (t.id >= arena.firstId) arena.kept.push(tf.keep(t));
  return true;
}

/** Runs one training step with an arena; everything kept for it is freed when `fn` returns or throws. */
export function withStepArena<R>(fn: () => R): R {
  const outer = arena;
  // Tensor ids only grow: a probe's id marks where the step begins.
  const probe = tf.scalar(0);
  const own = { firstId: probe.id, kept: [] as tf.Tensor[] };
  probe.dispose();
  arena = own;
  try {
    return fn();
  } finally {
    arena = outer;
    for (const t of own.kept) t.dispose();
  }
}
