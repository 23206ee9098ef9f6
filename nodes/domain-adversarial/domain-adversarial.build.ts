import * as tf from '@tensorflow/tfjs';
import type { PlanLayer } from '../../formats/training-plan';
import type { NodeBuilder } from '../../server/runtime/node-builder';
import { domainLoss } from '../../server/runtime/losses/domain-loss';
import { LayerStack } from '../../server/runtime/model/layer-stack';
import { gradientReversal } from '../../server/runtime/ops/gradient-reversal';
import { SeededRandom } from '../../server/runtime/ops/seeded-random';
import { lambdaAt } from '../../server/runtime/train/schedules';
import type { LossTerm } from '../../server/runtime/train/types';

/**
 * Runtime of a domainAdversarial node (DANN): a domain classifier behind a gradient-reversal layer.
 * The classifier minimises BCE(source = 1, target = 0); the reversal hands the extractor −λ_p times that gradient,
 * so features become domain-indistinguishable while staying predictive.
 */
export const domainAdversarialBuild = {
  type: 'domainAdversarial',
  role: 'loss',
  buildLoss: (loss, ctx): LossTerm => {
    if (loss.kind !== 'domainAdversarial') throw new Error(`domainAdversarial cannot build a '${loss.kind}' loss`);
    const layers: PlanLayer[] = [
      ...loss.hidden.map((units, i) => ({ kind: 'dense' as const, name: `domain/${loss.nodeId}/dense_${i}`, units, activation: 'relu' as const, dropout: 0 })),
      { kind: 'dense', name: `domain/${loss.nodeId}/logit`, units: 1, activation: 'linear', dropout: 0 },
    ];
    // The domain classifier's batch accuracy, summed on device and read once per epoch (evidence for advice:
    // stuck at 1.0 means the features stay separable whatever the reversed gradient does).
    let accSum: tf.Scalar | null = null;
    let accCount = 0;
    const classifier = new LayerStack(layers, { kind: 'flat', width: ctx.model.featureWidth }, new SeededRandom(ctx.seed).fork(`domain/${loss.nodeId}`));
    return {
      name: 'domain',
      needsAdaptation: true,
      variables: classifier.variables().map(([, v]) => v),
      compute: (b) => {
        if (!b.source || !b.target) return tf.scalar(0);
        const lambda = lambdaAt(loss.lambda, b.progress);
        const s = classifier.apply(gradientReversal(b.source.fwd.features, lambda));
        const t = classifier.apply(gradientReversal(b.target.fwd.features, lambda));
        const correct = tf.add(tf.sum(tf.greater(s, 0).toFloat()), tf.sum(tf.lessEqual(t, 0).toFloat()));
        const acc = tf.div(correct, s.shape[0]! + t.shape[0]!) as tf.Scalar;
        const next = tf.keep(accSum ? tf.add(accSum, acc) : acc.clone()) as tf.Scalar;
        accSum?.dispose();
        accSum = next;
        accCount++;
        return tf.mul(domainLoss(s, t), loss.weight) as tf.Scalar;
      },
      metrics: (p) => {
        const out: Record<string, number> = { lambda: lambdaAt(loss.lambda, p) };
        if (accSum && accCount > 0) out.domainAccuracy = accSum.dataSync()[0]! / accCount;
        accSum?.dispose();
        accSum = null;
        accCount = 0;
        return out;
      },
      dispose: () => {
        accSum?.dispose();
        classifier.dispose();
      },
    };
  },
} as const satisfies NodeBuilder<'domainAdversarial'>;
