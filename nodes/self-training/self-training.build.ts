import * as tf from '@tensorflow/tfjs';
import type { NodeBuilder } from '../../server/runtime/node-builder';
import { Model } from '../../server/runtime/model/model';
import type { LossTerm } from '../../server/runtime/train/types';

/**
 * Runtime of a selfTraining node: cross-entropy of the model on the stage's target side against the pseudo-labels
 * of a frozen copy of the model the stage starts from (the previous hop's result), keeping the most confident
 * `keep` share of each batch. Pseudo-labels stay fixed for the whole stage, as in gradual self-training.
 */
export const selfTrainingBuild = {
  type: 'selfTraining',
  role: 'loss',
  buildLoss: (loss, ctx): LossTerm => {
    if (loss.kind !== 'selfTraining') throw new Error(`selfTraining cannot build a '${loss.kind}' loss`);
    const head = ctx.state.evalHead;
    const teacher = new Model(ctx.model.spec, 0);
    const weights = ctx.model.snapshot();
    teacher.assign(weights);
    for (const w of weights.values()) w.dispose();
    return {
      name: 'selfTraining',
      needsAdaptation: true,
      variables: [],
      compute: (b) => {
        if (!b.target) return tf.scalar(0);
        const probs = tf.softmax(teacher.forward(b.target.x).outputs[head]!);
        const confidence = tf.max(probs, 1);
        const n = b.target.x.shape[0];
        const kept = Math.max(1, Math.round(loss.keep * n));
        // The kept rows' confidence threshold: the kept-th largest confidence of the batch.
        const threshold = tf.min(tf.topk(confidence, kept).values);
        const mask = tf.cast(tf.greaterEqual(confidence, threshold), 'float32');
        const pseudo = tf.oneHot(tf.argMax(probs, 1), probs.shape[1]!);
        const logits = b.target.fwd.outputs[head]!;
        const perRow = tf.neg(tf.sum(tf.mul(pseudo, tf.logSoftmax(logits)), 1));
        const ce = tf.div(tf.sum(tf.mul(perRow, mask)), tf.maximum(tf.sum(mask), 1));
        return tf.mul(ce, loss.weight) as tf.Scalar;
      },
      dispose: () => teacher.dispose(),
    };
  },
} as const satisfies NodeBuilder<'selfTraining'>;
