import * as tf from '@tensorflow/tfjs';
import type { LambdaSchedule, PlanOptimizer } from '../../../formats/training-plan';
import { cosineSchedule, dannLambda, dannLearningRate, stepSchedule } from '../losses/schedule-formulas';

/** Learning rate at progress p ∈ [0, 1] (epoch = 0-based epoch index, for step schedules). */
export function learningRateAt(opt: PlanOptimizer, p: number, epoch: number): number {
  const mu0 = opt.learningRate;
  const s = opt.schedule;
  switch (s.kind) {
    case 'constant':
      return mu0;
    case 'dann':
      // Shrinks steps as the adversarial game heats up (Ganin & Lempitsky).
      return dannLearningRate(mu0, p, s.alpha, s.beta);
    case 'cosine':
      return cosineSchedule(mu0, p);
    case 'step':
      return stepSchedule(mu0, epoch, s.everyEpochs, s.factor);
  }
}

/** λ at progress p: constant, or λ_p = max·(2/(1+exp(−γp)) − 1) which starts at 0 while features are still noise. */
export function lambdaAt(schedule: LambdaSchedule, p: number): number {
  if (schedule.kind === 'constant') return schedule.value;
  return dannLambda(p, schedule.max, schedule.gamma);
}

export function makeOptimizer(opt: PlanOptimizer): tf.Optimizer {
  switch (opt.kind) {
    case 'adam':
      return tf.train.adam(opt.learningRate);
    case 'sgd':
      return tf.train.sgd(opt.learningRate);
    case 'momentum':
      return tf.train.momentum(opt.learningRate, 0.9);
    case 'rmsprop':
      return tf.train.rmsprop(opt.learningRate);
  }
}

/** Changes the step size in place (no new tensors: Adam/RMSProp read the field each step; SGD keeps one scalar). */
export function setLearningRate(optimizer: tf.Optimizer | { setLearningRate(lr: number): void }, lr: number): void {
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (o.setLearningRate) o.setLearningRate(lr);
  else o.learningRate = lr;
}
