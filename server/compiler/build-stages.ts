import type { PlanExtractor, PlanHead, PlanLoss, PlanOptimizer, PlanStage } from '../../formats/training-plan';
import { defaultAlphas } from '../../nodes/mmd-adaptation/mmd-adaptation';
import type { Pipeline } from './find-pipeline';
import type { DomainInfo, DomainSet } from './resolve-domains';
import type { NodeOf } from './typed-node';

export interface StageInputs {
  readonly source: DomainInfo;
  readonly target: DomainInfo;
  readonly domains: DomainSet;
  readonly pipeline: Pipeline;
  readonly trainer: NodeOf<'trainer'>;
  readonly extractor: PlanExtractor;
  readonly head: PlanHead;
}

/** Layers holding weights, the ones a stage can freeze or adapt. */
function weightedLayers(extractor: PlanExtractor): string[] {
  // A pre-trained extractor's layers are only known once loaded: 'extractor' stands for all of them.
  if (extractor.kind === 'pretrained') return ['extractor'];
  return extractor.layers.filter((l) => l.kind === 'dense' || l.kind === 'conv2d').map((l) => l.name);
}

function adaptedLayers(choice: 'features' | 'all-hidden' | 'features+logits', extractor: PlanExtractor): string[] {
  if (choice === 'features+logits') return ['features', 'head/logits'];
  if (choice === 'all-hidden' && extractor.kind !== 'pretrained') return weightedLayers(extractor);
  return ['features'];
}

function adaptationLoss(node: Pipeline['adaptations'][number], extractor: PlanExtractor): PlanLoss {
  if (node.type === 'mmdAdaptation') {
    const { variant, layers, lambda, estimator, alphas } = node.params;
    return { kind: 'mmd', nodeId: node.id, variant, layers: adaptedLayers(layers, extractor), weight: lambda, estimator, alphas: alphas ?? [...defaultAlphas[variant]] };
  }
  if (node.type === 'selfTraining') return { kind: 'selfTraining', nodeId: node.id, keep: node.params.keep, weight: 1 };
  const { hidden, lambdaSchedule, lambdaMax, gamma } = node.params;
  const lambda = lambdaSchedule === 'dann' ? ({ kind: 'dann', max: lambdaMax, gamma } as const) : ({ kind: 'constant', value: lambdaMax } as const);
  return { kind: 'domainAdversarial', nodeId: node.id, hidden, lambda, weight: 1 };
}

/** The trainer's optimizer; schedule `auto` resolves to DANN's annealing when an adaptation term is wired. */
function trainerOptimizer({ params }: NodeOf<'trainer'>, adaptive: boolean): PlanOptimizer {
  const kind = params.schedule === 'auto' ? (adaptive ? 'dann' : 'constant') : params.schedule;
  const schedule: PlanOptimizer['schedule'] =
    kind === 'dann'
      ? { kind: 'dann', alpha: 10, beta: 0.75 }
      : kind === 'step'
        ? { kind: 'step', everyEpochs: params.stepEvery, factor: params.stepFactor }
        : { kind };
  return { kind: params.optimizer, learningRate: params.learningRate, schedule };
}

/** Pre-training (autoencoder), the trainer's stage(s) (one per transitive hop), then fine-tuning stages. */
export function buildStages(inputs: StageInputs): PlanStage[] {
  const { source, target, domains, pipeline, trainer, extractor, head } = inputs;
  const common = { batchSize: trainer.params.batchSize, frozen: [] as string[] };
  const stages: PlanStage[] = [];
  if (extractor.pretrain && pipeline.extractor) {
    stages.push({
      ...common,
      name: 'pretrain autoencoder',
      nodeId: pipeline.extractor.id,
      kind: 'pretrainAutoencoder',
      labelledDomains: [],
      adapt: null,
      losses: [{ kind: 'reconstruction', nodeId: pipeline.extractor.id, weight: 1 }],
      optimizer: { ...trainerOptimizer(trainer, false), schedule: { kind: 'constant' } },
      epochs: extractor.pretrain.epochs,
      init: 'scratch',
    });
  }
  const extra = pipeline.adaptations.map((n) => adaptationLoss(n, extractor));
  const ex = pipeline.extractor;
  // Self-taught learning (Raina et al.) keeps the autoencoder's features fixed unless the node asks to fine-tune.
  const frozen = (ex?.type === 'pretrainedExtractor' && ex.params.freeze) || (ex?.type === 'autoencoder' && ex.params.encoder === 'frozen') ? ['extractor'] : [];
  const trainStage = { ...common, nodeId: trainer.id, optimizer: trainerOptimizer(trainer, extra.length > 0), epochs: trainer.params.epochs, frozen };
  const hops = [source, ...domains.intermediates, target];
  const selfTraining = pipeline.adaptations.find((n) => n.type === 'selfTraining');
  if (selfTraining?.type === 'selfTraining') {
    stages.push(...selfTrainingStages(hops, extra, trainStage, { ...trainStage, optimizer: trainerOptimizer(trainer, false) }, selfTraining.params.sourceWeight, stages.length === 0));
  } else if (domains.intermediates.length > 0) {
    // Transitive transfer: adapt hop by hop, each hop starting from the previous one's weights.
    for (let i = 0; i + 1 < hops.length; i++) {
      const [from, to] = [hops[i]!, hops[i + 1]!];
      // Fields spelt out: this runs once per hop, and object spread is slow in V8 at that volume.
      stages.push({
        name: `hop ${i + 1} (${from.name} → ${to.name})`,
        nodeId: trainer.id,
        kind: 'train',
        labelledDomains: [source.nodeId],
        adapt: { from: from.nodeId, to: to.nodeId },
        losses: [{ kind: 'classification', weight: 1, domains: [source.nodeId] }, ...extra],
        optimizer: trainStage.optimizer,
        epochs: trainStage.epochs,
        batchSize: trainStage.batchSize,
        frozen: frozen.slice(),
        init: stages.length === 0 ? 'scratch' : 'previous',
      });
    }
  } else {
    const boost = pipeline.boost;
    // Target labels join the first stage unless a later stage is there to use them.
    const targetLabelled = target.labels !== 'none' && (pipeline.chain.length === 0 || boost !== null || head.kind === 'multiTask');
    const labelled = targetLabelled ? [source.nodeId, target.nodeId] : [source.nodeId];
    stages.push({
      ...trainStage,
      name: boost ? 'TrAdaBoost' : 'train',
      kind: boost ? 'boosting' : 'train',
      labelledDomains: labelled,
      adapt: extra.length > 0 ? { from: source.nodeId, to: target.nodeId } : null,
      losses: [{ kind: 'classification', weight: 1, domains: labelled }, ...extra],
      init: stages.length === 0 ? 'scratch' : 'previous',
      ...(boost ? { boosting: { nodeId: boost.id, rounds: boost.params.rounds, baseLearner: boost.params.baseLearner, betaRule: boost.params.betaRule, sourceDomain: source.nodeId, targetDomain: target.nodeId } } : {}),
    });
  }
  for (const node of pipeline.chain) stages.push(continueStage(node, inputs));
  return stages;
}

/**
 * Self-training (Kumar, Ma & Liang 2020): the source first, supervised; then one stage per hop whose target side
 * is pseudo-labelled by the model the stage starts from — gradual through intermediates, direct without them.
 */
function selfTrainingStages(hops: readonly DomainInfo[], extra: PlanLoss[], hop: HopSettings, first: HopSettings, sourceWeight: number, fromScratch: boolean): PlanStage[] {
  const source = hops[0]!;
  const stages: PlanStage[] = [
    {
      ...first,
      name: `source (${source.name})`,
      kind: 'train',
      labelledDomains: [source.nodeId],
      adapt: null,
      losses: [{ kind: 'classification', weight: 1, domains: [source.nodeId] }],
      init: fromScratch ? 'scratch' : 'previous',
    },
  ];
  for (let i = 0; i + 1 < hops.length; i++) {
    const [from, to] = [hops[i]!, hops[i + 1]!];
    stages.push({
      ...hop,
      name: `self-train ${i + 1} (${from.name} → ${to.name})`,
      kind: 'train',
      labelledDomains: [source.nodeId],
      adapt: { from: from.nodeId, to: to.nodeId },
      losses: [{ kind: 'classification', weight: sourceWeight, domains: [source.nodeId] }, ...extra],
      frozen: hop.frozen.slice(),
      init: 'previous',
    });
  }
  return stages;
}

type HopSettings = Pick<PlanStage, 'nodeId' | 'optimizer' | 'epochs' | 'batchSize' | 'frozen'>;

function continueStage(node: Pipeline['chain'][number], { domains, extractor, pipeline }: StageInputs): PlanStage {
  const dataId = pipeline.chainData.get(node.id) ?? domains.target?.nodeId ?? '';
  const classification: PlanLoss = { kind: 'classification', weight: 1, domains: [dataId] };
  const base = {
    nodeId: node.id,
    kind: 'fineTune' as const,
    labelledDomains: [dataId],
    adapt: null,
    optimizer: { kind: 'adam' as const, learningRate: node.params.learningRate, schedule: { kind: 'constant' as const } },
    epochs: node.params.epochs,
    batchSize: node.params.batchSize,
    init: 'previous' as const,
  };
  if (node.type === 'conservativeTraining')
    return { ...base, name: 'conservative training', losses: [classification, { kind: 'conservative', nodeId: node.id, mu: node.params.mu }], frozen: [] };
  const layers = weightedLayers(extractor);
  const frozen = node.params.frozen === 'extractor' ? layers : node.params.frozen === 'first-k' ? layers.slice(0, node.params.k) : [];
  return { ...base, name: 'fine-tune', losses: [classification], frozen };
}

