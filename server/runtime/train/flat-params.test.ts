import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { param, withParams } from '../ops/param-binding';
import { SeededRandom } from '../ops/seeded-random';
import { FlatParams } from './flat-params';

beforeAll(async () => {
  await selectBackend('wasm');
});

const randomVar = (rng: SeededRandom, shape: number[]) => tf.variable(tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape));

describe('flat parameter vector', () => {
  it('Adam on the flat vector takes the same steps as Adam on each variable', () => {
    const rng = new SeededRandom(9);
    const shapes = [[3, 4], [4], [4, 2], [2]];
    const a = shapes.map((s) => randomVar(rng, s));
    const b = a.map((v) => tf.variable(v.clone()));
    const x = tf.tensor2d(Float32Array.from({ length: 15 }, () => rng.normal()), [5, 3]);
    // loss = Σ (relu(x·W0 + b0)·W1 + b1)², reading weights through param() as the layers do.
    const loss = (vars: tf.Variable[]) => () => {
      const [w0, b0, w1, b1] = vars.map((v) => param(v as tf.Tensor)) as [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];
      return tf.sum(tf.square(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w0), b0)) as tf.Tensor2D, w1), b1))) as tf.Scalar;
    };
    const perVar = tf.train.adam(0.05);
    const flatOpt = tf.train.adam(0.05);
    const flat = new FlatParams(b);
    for (let step = 0; step < 5; step++) {
      perVar.minimize(loss(a), false, a);
      flatOpt.minimize(() => withParams(flat.views(), loss(b)), false, [flat.flat]);
    }
    // The variables change only when written back.
    expect(Array.from(b[0]!.dataSync())).not.toEqual(Array.from(a[0]!.dataSync()));
    flat.writeBack();
    a.forEach((v, i) => Array.from(v.dataSync()).forEach((want, k) => expect(b[i]!.dataSync()[k]!).toBeCloseTo(want, 5)));
    tf.dispose([...a, ...b, x]);
    flat.dispose();
    perVar.dispose();
    flatOpt.dispose();
  });

  it('param() is the variable itself outside a binding', () => {
    const v = tf.variable(tf.zeros([2]));
    expect(param(v)).toBe(v);
    const stand = tf.ones([2]);
    expect(withParams(new Map([[v as tf.Tensor, stand]]), () => param(v))).toBe(stand);
    expect(param(v)).toBe(v);
    tf.dispose([v, stand]);
  });
});
