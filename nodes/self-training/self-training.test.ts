import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../server/runtime/backend/select-backend';
import { logisticSpec, Model } from '../../server/runtime/model/model';
import type { LossBatch, LossContext } from '../../server/runtime/train/types';
import { selfTrainingBuild } from './self-training.build';
import { selfTrainingNode } from './self-training';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** A 1-input logistic model with logits (−a·x, a·x): class 1 for x > 0, more confident further from 0. */
function model(a: number): Model {
  const m = new Model(logisticSpec(1, 2), 0);
  m.assign(new Map<string, tf.Tensor>([['head/logits/kernel', tf.tensor2d([[-a, a]])], ['head/logits/bias', tf.tensor1d([0, 0])]]));
  return m;
}

describe('selfTraining node', () => {
  it('defaults to pure self-training keeping the most confident 90 %', () => {
    expect(selfTrainingNode.params.parse({})).toEqual({ keep: 0.9, sourceWeight: 0, weightDecay: 3e-3 });
    expect(selfTrainingNode.params.safeParse({ keep: 0 }).success).toBe(false);
  });

  it('v1 graphs keep what they ran: no weight decay', () => {
    expect(selfTrainingNode.version).toBe(2);
    expect(selfTrainingNode.migrate!({ keep: 0.8 }, 1)).toEqual({ keep: 0.8, weightDecay: 0 });
    expect(selfTrainingNode.migrate!({ weightDecay: 1e-3 }, 2)).toEqual({ weightDecay: 1e-3 });
  });

  it('trains on the stage-start model’s pseudo-labels of its most confident target rows', () => {
    const teacher = model(1);
    const term = selfTrainingBuild.buildLoss({ kind: 'selfTraining', nodeId: 's', nodeType: 'selfTraining', keep: 0.5, weight: 2 }, { model: teacher, state: { evalHead: 0 } } as unknown as LossContext);
    // The teacher's later changes must not move its pseudo-labels: it is a copy.
    teacher.assign(new Map<string, tf.Tensor>([['head/logits/kernel', tf.tensor2d([[5, -5]])]]));
    const x = tf.tensor2d([[-3], [-0.1], [0.2], [2]]);
    const student = model(0.5);
    const fwd = student.forward(x);
    const loss = term.compute({ target: { x, fwd } } as unknown as LossBatch).dataSync()[0]!;
    // Kept: the two most confident rows, x = −3 (label 0) and x = 2 (label 1); student logits (−a·x, a·x), a = 0.5.
    const ce = (z: number, label: number) => Math.log(1 + Math.exp(label === 1 ? -2 * 0.5 * z : 2 * 0.5 * z));
    expect(loss).toBeCloseTo((2 * (ce(-3, 0) + ce(2, 1))) / 2, 5);
    term.dispose();
  });
});
