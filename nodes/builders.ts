// Server-only: the map of *.build.ts files (TF.js); never imported by browser code (eslint.config.mjs exempts this file).
import type { NodeBuilder } from '../server/runtime/node-builder';
import type { NodeType } from './registry';
import { autoencoderBuild } from './autoencoder/autoencoder.build';
import { classifierHeadBuild } from './classifier-head/classifier-head.build';
import { cnnExtractorBuild } from './cnn-extractor/cnn-extractor.build';
import { coralAdaptationBuild } from './coral-adaptation/coral-adaptation.build';
import { conservativeTrainingBuild } from './conservative-training/conservative-training.build';
import { domainAdversarialBuild } from './domain-adversarial/domain-adversarial.build';
import { selfTrainingBuild } from './self-training/self-training.build';
import { evaluateBuild } from './evaluate/evaluate.build';
import { exportModelBuild } from './export-model/export-model.build';
import { fineTuneBuild } from './fine-tune/fine-tune.build';
import { intermediateDomainBuild } from './intermediate-domain/intermediate-domain.build';
import { mlpExtractorBuild } from './mlp-extractor/mlp-extractor.build';
import { mmdAdaptationBuild } from './mmd-adaptation/mmd-adaptation.build';
import { multiTaskHeadBuild } from './multi-task-head/multi-task-head.build';
import { pretrainedExtractorBuild } from './pretrained-extractor/pretrained-extractor.build';
import { sourceDomainBuild } from './source-domain/source-domain.build';
import { targetDomainBuild } from './target-domain/target-domain.build';
import { trAdaBoostBuild } from './tr-ada-boost/tr-ada-boost.build';
import { trainerBuild } from './trainer/trainer.build';
import { zeroShotHeadBuild } from './zero-shot-head/zero-shot-head.build';

/**
 * What the runtime does for every node kind (server only: these import TF.js). Exhaustive: a kind added to
 * the registry without a builder here fails to type-check. run-plan.ts dispatches every part of a plan
 * through this map.
 */
export const nodeBuilders = {
  sourceDomain: sourceDomainBuild,
  targetDomain: targetDomainBuild,
  intermediateDomain: intermediateDomainBuild,
  mlpExtractor: mlpExtractorBuild,
  cnnExtractor: cnnExtractorBuild,
  pretrainedExtractor: pretrainedExtractorBuild,
  autoencoder: autoencoderBuild,
  classifierHead: classifierHeadBuild,
  multiTaskHead: multiTaskHeadBuild,
  zeroShotHead: zeroShotHeadBuild,
  mmdAdaptation: mmdAdaptationBuild,
  domainAdversarial: domainAdversarialBuild,
  coralAdaptation: coralAdaptationBuild,
  selfTraining: selfTrainingBuild,
  trAdaBoost: trAdaBoostBuild,
  trainer: trainerBuild,
  fineTune: fineTuneBuild,
  conservativeTraining: conservativeTrainingBuild,
  evaluate: evaluateBuild,
  exportModel: exportModelBuild,
} satisfies { [K in NodeType]: NodeBuilder<K> };
