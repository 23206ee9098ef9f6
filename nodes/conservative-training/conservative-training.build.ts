import * as tf from '@tensorflow/tfjs';
import type { NodeBuilder } from '../../server/runtime/node-builder';
import { Model } from '../../server/runtime/model/model';
import { runTrainStage } from '../../server/runtime/train/run-train-stage';
import type { LossTerm } from '../../server/runtime/train/types';

/**
 * Runtime of a conservativeTraining node: a fine-tuning stage whose objective adds μ·‖f_new(x) − f_old(x)‖²,
 * f_old being a frozen copy of the model the stage starts from (kept in checkpoints: a stage resumed mid-way
 * keeps its start as the reference, not the checkpoint's weights). f_old is evaluated without dropout.
 */
export const conservativeTrainingBuild = {
  type: 'conservativeTraining',
  role: 'stage',
  buildLoss: (loss, ctx): LossTerm => {
    if (loss.kind !== 'conservative') throw new Error(`conservativeTraining cannot build a '${loss.kind}' loss`);
    const old = new Model(ctx.model.spec, 0);
    const weights = ctx.model.snapshot();
    old.assign(weights);
    for (const w of weights.values()) w.dispose();
    return {
      name: 'conservative',
      needsAdaptation: false,
      variables: [],
      compute: (b) => {
        const parts = b.labelled.map((l, k) => (l ? tf.mean(tf.sum(tf.square(tf.sub(l.fwd.outputs[k]!, old.forward(l.x).outputs[k]!)), 1)) : null)).filter((p): p is tf.Scalar => p !== null);
        if (parts.length === 0) return tf.scalar(0);
        return tf.mul(tf.addN(parts), loss.mu) as tf.Scalar;
      },
      checkpoint: () => new Map(old.namedVariables().map(([name, v]) => [`f_old/${name}`, v.clone()])),
      restore: (saved) => {
        old.assign(new Map([...saved].filter(([name]) => name.startsWith('f_old/')).map(([name, t]) => [name.slice('f_old/'.length), t])));
      },
      dispose: () => old.dispose(),
    };
  },
  runStage: async ({ stage, stageIndex, state, buildLosses }) => {
    await runTrainStage(stage, stageIndex, state, (model) => buildLosses(stage, model));
  },
} as const satisfies NodeBuilder<'conservativeTraining'>;
