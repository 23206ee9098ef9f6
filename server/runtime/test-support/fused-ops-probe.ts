import type * as tfTypes from '@tensorflow/tfjs';
import { domainLossJoint } from '../losses/domain-loss';
import { mmd2Joint } from '../losses/mmd';
import { dense } from '../ops/dense';
import { gradientReversal } from '../ops/gradient-reversal';
import { SeededRandom } from '../ops/seeded-random';

/**
 * The runtime's fused ops in one objective — dense (ReLU), gradient reversal (λ 0.7), joint MMD², the closed-form
 * domain loss — returning its value and every input's gradient under a fixed upstream gradient, read
 * asynchronously. Browser-safe: the browser parity test bundles it (bench/browser/entry.ts).
 */
export async function fusedOpsProbe(tf: typeof tfTypes): Promise<number[]> {
  const rng = new SeededRandom(7);
  const t = (shape: number[]) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
  const [x, w, b, up] = [t([12, 5]), t([5, 4]), t([4]), t([12, 4])];
  const labels = tf.tensor2d(Array.from({ length: 12 }, (_, i) => [i < 6 ? 1 : 0]));
  const f = (xv: tfTypes.Tensor, wv: tfTypes.Tensor, bv: tfTypes.Tensor) => {
    const h = dense(xv as tfTypes.Tensor2D, wv as tfTypes.Tensor2D, bv as tfTypes.Tensor1D, { activation: 'relu' });
    const reversed = gradientReversal(h, 0.7);
    const z = tf.sum(tf.mul(reversed, tf.slice(up, [0, 0], [12, 1])), 1, true) as tfTypes.Tensor2D;
    return tf.addN([tf.sum(tf.mul(h, up)), mmd2Joint(h, 6), domainLossJoint(z, labels)]) as tfTypes.Scalar;
  };
  const { value, grads } = tf.valueAndGrads(f)([x, w, b]);
  const out = [...(await value.data())];
  for (const g of grads) out.push(...(await g.data()));
  tf.dispose([x, w, b, up, labels, value, ...grads]);
  return out;
}
