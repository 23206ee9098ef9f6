import { pretrainedFrozen } from './build-uploaded-extractor';
import type { PlanExtractor, PlanHead, PlanLoss, PlanOptimizer, PlanStage } from '../../formats/training-plan';
import type { LayerChoice } from '../../nodes/core/define-node';
import { nodeRegistry } from '../../nodes/registry';
import { firstHeadLayerNames } from '../../formats/plan-layer-names';
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

/**
 * The layers a loss term reads, by their names in the forward pass. Task-specific (DAN): the features (the
 * extractor's last hidden layer), the head's hidden layers and its output; the first head's for a multi-task head.
 */
function adaptedLayers(choice: LayerChoice, extractor: PlanExtractor, head: PlanHead): string[] {
  const headLayers = firstHeadLayerNames(head);
  if (choice === 'features+logits') return ['features', ...headLayers.slice(-1)];
  if (choice === 'task-specific') return ['features', ...headLayers];
  if (choice === 'all-hidden' && extractor.kind !== 'pretrained') return weightedLayers(extractor);
  return ['features'];
}

/** A loss-term node (MMD, DANN, CORAL, …) as its kind's definition puts it into the plan. */
function termLoss(node: Pipeline['adaptations'][number], extractor: PlanExtractor, head: PlanHead): PlanLoss {
  const term = nodeRegistry[node.type].term!;
  return { ...term.toPlan(node.params as never, (choice) => adaptedLayers(choice, extractor, head)), nodeId: node.id, nodeType: node.type } as PlanLoss;
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
      nodeType: pipeline.extractor.type,
      kind: 'pretrainAutoencoder',
      labelledDomains: [],
      adapt: null,
      losses: [{ kind: 'reconstruction', nodeId: pipeline.extractor.id, nodeType: pipeline.extractor.type, weight: 1 }],
      optimizer: { ...trainerOptimizer(trainer, false), schedule: { kind: 'constant' } },
      epochs: extractor.pretrain.epochs,
      init: 'scratch',
    });
  }
  const extra = pipeline.adaptations.map((n) => termLoss(n, extractor, head));
  const ex = pipeline.extractor;
  // Self-taught learning (Raina et al.) keeps the autoencoder's features fixed unless the node asks to fine-tune.
  const frozen = ex?.type === 'pretrainedExtractor' ? pretrainedFrozen(ex, extractor) : ex?.type === 'autoencoder' && ex.params.encoder === 'frozen' ? ['extractor'] : [];
  const trainStage = { ...common, nodeId: trainer.id, optimizer: trainerOptimizer(trainer, extra.length > 0), epochs: trainer.params.epochs, frozen };
  const hops = [source, ...domains.intermediates, target];
  const selfTraining = pipeline.adaptations.find((n) => n.type === 'selfTraining');
  if (selfTraining?.type === 'selfTraining') {
    stages.push(...selfTrainingStages(hops, extra, trainStage, { ...trainStage, optimizer: trainerOptimizer(trainer, false) }, selfTraining.params, stages.length === 0));
  } else if (domains.intermediates.length > 0) {
    // Transitive transfer: adapt hop by hop, each hop starting from the previous one's weights.
    for (let i = 0; i + 1 < hops.length; i++) {
      const [from, to] = [hops[i]!, hops[i + 1]!];
      // Fields spelt out: this runs once per hop, and object spread is slow in V8 at that volume.
      stages.push({
        name: `hop ${i + 1} (${from.name} → ${to.name})`,
        nodeId: trainer.id,
        nodeType: 'trainer',
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
      nodeType: boost ? 'trAdaBoost' : 'trainer',
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
function selfTrainingStages(
  hops: readonly DomainInfo[],
  extra: PlanLoss[],
  hop: HopSettings,
  first: HopSettings,
  { sourceWeight, weightDecay }: { sourceWeight: number; weightDecay: number },
  fromScratch: boolean,
): PlanStage[] {
  // Kumar et al.'s regularised model: the same penalty in every stage, the source's included.
  const decay = weightDecay > 0 ? { weightDecay } : {};
  const source = hops[0]!;
  const stages: PlanStage[] = [
    {
      ...first,
      name: `source (${source.name})`,
      nodeType: 'trainer',
      kind: 'train',
      labelledDomains: [source.nodeId],
      adapt: null,
      losses: [{ kind: 'classification', weight: 1, domains: [source.nodeId] }],
      init: fromScratch ? 'scratch' : 'previous',
      ...decay,
    },
  ];
  for (let i = 0; i + 1 < hops.length; i++) {
    const [from, to] = [hops[i]!, hops[i + 1]!];
    stages.push({
      ...hop,
      name: `self-train ${i + 1} (${from.name} → ${to.name})`,
      nodeType: 'trainer',
      kind: 'train',
      labelledDomains: [source.nodeId],
      adapt: { from: from.nodeId, to: to.nodeId },
      losses: [{ kind: 'classification', weight: sourceWeight, domains: [source.nodeId] }, ...extra],
      frozen: hop.frozen.slice(),
      init: 'previous',
      ...decay,
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
    nodeType: node.type,
    labelledDomains: [dataId],
    adapt: null,
    optimizer: { kind: 'adam' as const, learningRate: node.params.learningRate, schedule: { kind: 'constant' as const } },
    epochs: node.params.epochs,
    batchSize: node.params.batchSize,
    init: 'previous' as const,
  };
  if (node.type === 'conservativeTraining')
    return { ...base, name: 'conservative training', losses: [classification, { kind: 'conservative', nodeId: node.id, nodeType: node.type, mu: node.params.mu }], frozen: [] };
  const layers = weightedLayers(extractor);
  const frozen = node.params.frozen === 'extractor' ? layers : node.params.frozen === 'first-k' ? layers.slice(0, node.params.k) : [];
  return { ...base, name: 'fine-tune', losses: [classification], frozen };
}

