import * as tf from '@tensorflow/tfjs';
import { customOp } from './custom-op';

const stopGradientOp = customOp(([input]) => ({
  // Must not return `input` itself: customGrad ignores gradFunc when forward returns its input unchanged.
  value: (input as tf.Tensor).clone(),
  gradFunc: (dy) => tf.zerosLike(dy),
}));

/**
 * Identity whose gradient is zero (TF.js has no tf.stopGradient). Used e.g. for the MMD kernel bandwidth,
 * which is a statistic of the batch and must not be optimised.
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stopGradientOp(x) as T;
}
