import type { NodeType } from '../../nodes/registry';
import type { IssueSink } from './compile-issue';
import type { GraphIndex } from './graph-index';
import { isKind, type NodeOf } from './typed-node';

export const extractorTypes = ['mlpExtractor', 'cnnExtractor', 'pretrainedExtractor', 'autoencoder'] as const;
export const headTypes = ['classifierHead', 'multiTaskHead', 'zeroShotHead'] as const;

export interface Pipeline {
  readonly extractor: NodeOf<(typeof extractorTypes)[number]> | null;
  readonly head: NodeOf<(typeof headTypes)[number]> | null;
  readonly trainer: NodeOf<'trainer'> | null;
  /** Stages after the trainer, in order: fine-tune / conservative training. */
  readonly chain: NodeOf<'fineTune' | 'conservativeTraining'>[];
  /** Chain stage id → the domain node wired into its `data` input. */
  readonly chainData: Map<string, string>;
  /** Loss terms wired into the trainer. */
  readonly adaptations: NodeOf<'mmdAdaptation' | 'domainAdversarial' | 'selfTraining'>[];
  readonly boost: NodeOf<'trAdaBoost'> | null;
  readonly evaluate: NodeOf<'evaluate'> | null;
  readonly exportNode: NodeOf<'exportModel'> | null;
}

/**
 * A plan trains one model along one chain of stages. This finds its parts and reports graphs that
 * have none or several of a part the plan holds once.
 */
export function findPipeline(index: GraphIndex, sink: IssueSink): Pipeline {
  const extractor = single(index, extractorTypes, 'feature extractor', 'noExtractor', 'Add an MLP (or CNN) extractor and wire the domains into it.', sink);
  const head = single(index, headTypes, 'head', 'noHead', 'Add a Classifier head after the extractor.', sink);
  const trainer = single(index, ['trainer'], 'trainer', 'noTrainer', 'Add a Trainer and connect the head’s model output to it.', sink);
  single(index, ['evaluate'], 'Evaluate node', null, '', sink);
  single(index, ['exportModel'], 'Export node', null, '', sink);
  const chain = trainer ? followChain(index, trainer.id, sink) : [];
  const adaptations = index.ofKind('mmdAdaptation', 'domainAdversarial', 'selfTraining').filter((n) => feedsTrainer(index, n.id, trainer?.id));
  const boosts = index.ofKind('trAdaBoost').filter((n) => feedsTrainer(index, n.id, trainer?.id));
  const used = new Set([...adaptations, ...boosts].map((n) => n.id));
  for (const n of index.ofKind('mmdAdaptation', 'domainAdversarial', 'selfTraining', 'trAdaBoost'))
    if (!used.has(n.id))
      sink.warn('unusedNode', `${index.describe(n.id)} is not wired into the trainer, so it changes nothing.`, 'Connect its output to the Trainer.', { nodeId: n.id });
  const evaluate = index.ofKind('evaluate')[0] ?? null;
  const exportNode = index.ofKind('exportModel')[0] ?? null;
  const last = chain[chain.length - 1]?.id ?? trainer?.id;
  for (const end of [evaluate, exportNode])
    if (end && last && !index.inputs(end.id, 'trained').some((e) => e.source === last))
      sink.warn('notFinalModel', `${index.describe(end.id)} is not connected to the last training stage; it acts on the final model.`, `Connect it to ${index.describe(last)}.`, {
        nodeId: end.id,
        field: 'trained',
      });
  const chainData = new Map(chain.flatMap((n) => index.inputs(n.id, 'data').map((e) => [n.id, e.source] as const)));
  return { extractor, head, trainer, chain, chainData, adaptations, boost: boosts[0] ?? null, evaluate, exportNode };
}

function single<K extends NodeType>(index: GraphIndex, kinds: readonly K[], what: string, missingCode: string | null, hint: string, sink: IssueSink): NodeOf<K> | null {
  const all = [...index.nodes.values()].filter((n) => (kinds as readonly string[]).includes(n.type));
  if (all.length === 0 && missingCode) sink.error(missingCode, `The graph has no ${what}.`, hint);
  for (const extra of all.slice(1))
    sink.error('tooManyNodes', `The graph has ${all.length} ${what}s; a plan trains one model with one ${what}.`, `Delete "${extra.id}" or build the variant in a separate graph.`, {
      nodeId: extra.id,
    });
  const first = all[0] ? index.typed.get(all[0].id) : undefined;
  return isKind(first, ...kinds) ? first : null;
}

function feedsTrainer(index: GraphIndex, nodeId: string, trainerId: string | undefined): boolean {
  return trainerId !== undefined && index.outputs(nodeId).some((e) => e.target === trainerId);
}

/** Trainer → fine-tune → … along trainedModel edges; a fork is an error (one model, one history). */
function followChain(index: GraphIndex, trainerId: string, sink: IssueSink): NodeOf<'fineTune' | 'conservativeTraining'>[] {
  const chain: NodeOf<'fineTune' | 'conservativeTraining'>[] = [];
  const visited = new Set<string>([trainerId]);
  let current = trainerId;
  for (;;) {
    const next = index.outputs(current).filter((e) => e.targetPort === 'trained' && ['fineTune', 'conservativeTraining'].includes(index.nodes.get(e.target)?.type ?? ''));
    for (const extra of next.slice(1))
      sink.error('branchingChain', `${index.describe(current)} feeds ${next.length} training stages; a plan is one chain of stages.`, 'Keep one continuation; compare alternatives in separate graphs.', {
        nodeId: extra.target,
        edgeId: extra.id,
      });
    const edge = next[0];
    if (!edge || visited.has(edge.target)) return chain;
    visited.add(edge.target);
    const node = index.typed.get(edge.target);
    if (!isKind(node, 'fineTune', 'conservativeTraining')) return chain;
    chain.push(node);
    current = node.id;
  }
}
