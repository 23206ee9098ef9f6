import * as tf from '@tensorflow/tfjs';
import { customOp } from './custom-op';

/**
 * Gradient-reversal layer (Ganin & Lempitsky, DANN): identity in the forward pass, −λ·dy in the backward pass,
 * so the feature extractor is pushed to *increase* the domain classifier's loss. λ is a plain number per call
 * (it follows a schedule such as {@link ../losses/schedules.dannLambda}).
 */
export function gradientReversal<T extends tf.Tensor>(x: T, lambda: number): T {
  if (!Number.isFinite(lambda)) throw new Error(`gradientReversal: lambda must be finite, got ${lambda}`);
  const f = customOp(([input]) => ({
    // clone(): customGrad ignores gradFunc when forward returns its input unchanged.
    value: (input as tf.Tensor).clone(),
    gradFunc: (dy) => tf.mul(dy, tf.scalar(-lambda)),
  }));
  return f(x) as T;
}
