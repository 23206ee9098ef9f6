import * as tf from '@tensorflow/tfjs';
import type { NodeBuilder } from '../../server/runtime/node-builder';
import { PlanInputError } from '../../server/runtime/plan-input-error';
import { checkExtractorInputs } from '../../server/runtime/train/check-extractor';
import { runTrainStage } from '../../server/runtime/train/run-train-stage';
import type { LossTerm } from '../../server/runtime/train/types';

/**
 * Runtime of an autoencoder node (self-taught learning): dense encoder layers plus a mirrored decoder,
 * a reconstruction loss ‖g(f(x)) − x‖², and the 'pretrainAutoencoder' stage that minimises it on unlabelled data.
 */
export const autoencoderBuild = {
  type: 'autoencoder',
  role: 'extractor',
  extractorSpec: (extractor, domains) => {
    if (extractor.layers.some((l) => l.kind !== 'dense')) throw new PlanInputError('An autoencoder extractor takes dense layers only.', extractor.nodeId, 'layers');
    return checkExtractorInputs(extractor, domains);
  },
  buildLoss: (loss): LossTerm => {
    if (loss.kind !== 'reconstruction') throw new Error(`autoencoder cannot build a '${loss.kind}' loss`);
    return {
      name: 'reconstruction',
      needsAdaptation: false,
      variables: [],
      compute: (b) => {
        const parts = [...b.labelled.map((l) => (l ? { x: l.x, f: l.fwd.features } : null)), b.source ? { x: b.source.x, f: b.source.fwd.features } : null, b.target ? { x: b.target.x, f: b.target.fwd.features } : null].filter(
          (p): p is { x: tf.Tensor2D; f: tf.Tensor2D } => p !== null,
        );
        if (parts.length === 0) return tf.scalar(0);
        const terms = parts.map((p) => tf.mean(tf.square(tf.sub(b.model.decode(p.f), p.x))));
        return tf.mul(tf.addN(terms), loss.weight / parts.length) as tf.Scalar;
      },
      dispose: () => {},
    };
  },
  runStage: async ({ stage, stageIndex, state, buildLosses }) => {
    await runTrainStage(stage, stageIndex, state, (model) => buildLosses(stage, model));
  },
} as const satisfies NodeBuilder<'autoencoder'>;
