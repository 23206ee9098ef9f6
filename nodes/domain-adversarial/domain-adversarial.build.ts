import * as tf from '@tensorflow/tfjs';
import type { PlanLayer } from '../../formats/training-plan';
import type { NodeBuilder } from '../../server/runtime/node-builder';
import { domainLossJoint } from '../../server/runtime/losses/domain-loss';
import { LayerStack } from '../../server/runtime/model/layer-stack';
import { gradientReversal } from '../../server/runtime/ops/gradient-reversal';
import { SeededRandom } from '../../server/runtime/ops/seeded-random';
import { lambdaAt } from '../../server/runtime/train/schedules';
import type { LossTerm } from '../../server/runtime/train/types';

/** Domain labels y (1 = source, 0 = target) and signs (±1) as [n, 1] constants, made once per batch shape. */
class DomainLabels {
  private cached: { key: string; y: tf.Tensor2D; sign: tf.Tensor2D } | null = null;

  get(ns: number, nt: number): { y: tf.Tensor2D; sign: tf.Tensor2D } {
    const key = `${ns}:${nt}`;
    if (this.cached?.key !== key) {
      this.dispose();
      const y = Float32Array.from({ length: ns + nt }, (_, i) => (i < ns ? 1 : 0));
      this.cached = { key, y: tf.keep(tf.tensor2d(y, [ns + nt, 1])), sign: tf.keep(tf.tensor2d(y.map((v) => 2 * v - 1), [ns + nt, 1])) };
    }
    return this.cached;
  }

  dispose(): void {
    if (this.cached) tf.dispose([this.cached.y, this.cached.sign]);
    this.cached = null;
  }
}

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
    // The domain classifier's correct calls, summed on device and read once per report (evidence for advice:
    // accuracy stuck at 1.0 means the features stay separable whatever the reversed gradient does).
    let correct: tf.Scalar | null = null;
    let seen = 0;
    const classifier = new LayerStack(layers, { kind: 'flat', width: ctx.model.featureWidth }, new SeededRandom(ctx.seed).fork(`domain/${loss.nodeId}`));
    const labels = new DomainLabels();
    return {
      name: 'domain',
      needsAdaptation: true,
      variables: classifier.variables().map(([, v]) => v),
      compute: (b) => {
        if (!b.pair) return tf.scalar(0);
        const { ns, nt } = b.pair;
        // One classifier pass over [source; target] behind one reversal layer.
        const z = classifier.apply(gradientReversal(b.pair.fwd.features, lambdaAt(loss.lambda, b.progress))) as tf.Tensor2D;
        const { y, sign } = labels.get(ns, nt);
        // z·sign > 0 ⇔ the call is right (source: z > 0; target: z < 0).
        const right = tf.sum(tf.step(tf.mul(z, sign))) as tf.Scalar;
        const next = tf.keep(correct ? tf.add(correct, right) : right) as tf.Scalar;
        correct?.dispose();
        correct = next;
        seen += ns + nt;
        const value = domainLossJoint(z, y);
        return (loss.weight === 1 ? value : tf.mul(value, loss.weight)) as tf.Scalar;
      },
      metrics: async (p) => {
        const out: Record<string, number> = { lambda: lambdaAt(loss.lambda, p) };
        if (correct && seen > 0) out.domainAccuracy = (await correct.data())[0]! / seen;
        correct?.dispose();
        correct = null;
        seen = 0;
        return out;
      },
      dispose: () => {
        correct?.dispose();
        labels.dispose();
        classifier.dispose();
      },
    };
  },
} as const satisfies NodeBuilder<'domainAdversarial'>;
