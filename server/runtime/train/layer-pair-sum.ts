import * as tf from '@tensorflow/tfjs';
import type { LossBatch } from './types';

/**
 * A feature-alignment term over the adapted layers: weight · Σ_layers f(rows, ns, nt), where `rows` is the layer's
 * joint [source; target] activation of the step's one forward pass, flattened to 2-D, and ns/nt the two sides'
 * row counts. 0 when the step has no source/target pair. `who` names the node in the error for a missing layer.
 */
export function layerPairSum(b: LossBatch, layers: readonly string[], weight: number, who: string, f: (rows: tf.Tensor2D, ns: number, nt: number) => tf.Scalar): tf.Scalar {
  const pair = b.pair;
  if (!pair) return tf.scalar(0);
  const terms = layers.map((name) => {
    const joint = pair.fwd.layers.get(name);
    if (!joint) throw new Error(`${who}: the model has no layer named '${name}'`);
    const rows = (joint.rank === 2 ? joint : tf.reshape(joint, [joint.shape[0]!, -1])) as tf.Tensor2D;
    return f(rows, pair.ns, pair.nt);
  });
  const sum = terms.length === 1 ? terms[0]! : tf.addN(terms);
  return (weight === 1 ? sum : tf.mul(sum, weight)) as tf.Scalar;
}
