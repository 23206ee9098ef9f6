import type { TrainingPlan } from '../../../formats/training-plan';

/** Test-only shrink so each template trains in seconds: fewer epochs / rounds, smaller text sets. */
export function shrinkPlan(plan: TrainingPlan): TrainingPlan {
  // One seed: tests that are not about intervals must not triple CI time.
  plan.evaluation.repeats = 1;
  for (const s of plan.stages) {
    s.epochs = Math.min(s.epochs, s.kind === 'boosting' ? 10 : s.kind === 'pretrainAutoencoder' ? 4 : 15);
    if (s.boosting) s.boosting.rounds = Math.min(s.boosting.rounds, 5);
  }
  for (const d of plan.domains) {
    if (d.dataset.kind !== 'builtin') continue;
    const o = d.dataset.options;
    // Spam: up to 500 rows (the set's own cap; a test split of ~150), enough that the chance bar is not a coin toss; the logistic learner fits in ms.
    if (d.dataset.id.startsWith('spam-')) d.dataset.options = { ...o, limit: Math.min(Number(o.limit ?? 500), 500) };
    if (d.dataset.id === 'optdigits') d.dataset.options = { ...o, limit: Math.min(Number(o.limit ?? 500), 500) };
    if (d.dataset.id === 'mnist-8x8') d.dataset.options = { ...o, perClass: Math.min(Number(o.perClass ?? 50), 50) };
  }
  return plan;
}

