import { z } from 'zod';
import type { NodeDefinition, PortSpec } from './core/define-node';
import { autoencoderNode } from './autoencoder/autoencoder';
import { classifierHeadNode } from './classifier-head/classifier-head';
import { cnnExtractorNode } from './cnn-extractor/cnn-extractor';
import { coralAdaptationNode } from './coral-adaptation/coral-adaptation';
import { conservativeTrainingNode } from './conservative-training/conservative-training';
import { domainAdversarialNode } from './domain-adversarial/domain-adversarial';
import { selfTrainingNode } from './self-training/self-training';
import { evaluateNode } from './evaluate/evaluate';
import { exportModelNode } from './export-model/export-model';
import { fineTuneNode } from './fine-tune/fine-tune';
import { intermediateDomainNode } from './intermediate-domain/intermediate-domain';
import { mlpExtractorNode } from './mlp-extractor/mlp-extractor';
import { mmdAdaptationNode } from './mmd-adaptation/mmd-adaptation';
import { multiTaskHeadNode } from './multi-task-head/multi-task-head';
import { pretrainedExtractorNode } from './pretrained-extractor/pretrained-extractor';
import { sourceDomainNode } from './source-domain/source-domain';
import { targetDomainNode } from './target-domain/target-domain';
import { trAdaBoostNode } from './tr-ada-boost/tr-ada-boost';
import { trainerNode } from './trainer/trainer';
import { zeroShotHeadNode } from './zero-shot-head/zero-shot-head';

/** Every node kind, once. Browser-safe metadata: the palette, forms, compiler and API all read this. */
export const nodeRegistry = {
  sourceDomain: sourceDomainNode,
  targetDomain: targetDomainNode,
  intermediateDomain: intermediateDomainNode,
  mlpExtractor: mlpExtractorNode,
  cnnExtractor: cnnExtractorNode,
  pretrainedExtractor: pretrainedExtractorNode,
  autoencoder: autoencoderNode,
  classifierHead: classifierHeadNode,
  multiTaskHead: multiTaskHeadNode,
  zeroShotHead: zeroShotHeadNode,
  mmdAdaptation: mmdAdaptationNode,
  domainAdversarial: domainAdversarialNode,
  coralAdaptation: coralAdaptationNode,
  selfTraining: selfTrainingNode,
  trAdaBoost: trAdaBoostNode,
  trainer: trainerNode,
  fineTune: fineTuneNode,
  conservativeTraining: conservativeTrainingNode,
  evaluate: evaluateNode,
  exportModel: exportModelNode,
} as const;

export type NodeType = keyof typeof nodeRegistry;
export type NodeParams<T extends NodeType> = z.infer<(typeof nodeRegistry)[T]['params']>;
export const nodeTypes = Object.keys(nodeRegistry) as NodeType[];

/** Kinds that add a term to the trainer's objective (their definitions carry `term`): MMD, DANN, CORAL, … */
export const lossTermTypes = nodeTypes.filter((t) => (nodeRegistry[t] as NodeDefinition).term !== undefined);

/** Whether a plan loss is a loss-term kind's (aligning source and target), not classification or a stage's own term. */
export function isTermLoss(loss: { readonly kind: string; readonly nodeType?: string }): boolean {
  return loss.nodeType !== undefined && isNodeType(loss.nodeType) && (nodeRegistry[loss.nodeType] as NodeDefinition).term !== undefined;
}

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(nodeRegistry, value);
}

export function getNodeDefinition(type: string): NodeDefinition | undefined {
  return isNodeType(type) ? (nodeRegistry[type] as NodeDefinition) : undefined;
}

/** The params a freshly dropped node gets: every zod default. */
export function defaultParams<T extends NodeType>(type: T): NodeParams<T> {
  return nodeRegistry[type].params.parse({}) as NodeParams<T>;
}

export interface NodeCatalogEntry {
  readonly type: NodeType;
  readonly version: number;
  readonly title: string;
  readonly category: NodeDefinition['category'];
  readonly taxonomy: NodeDefinition['taxonomy'] | null;
  readonly inputs: readonly PortSpec[];
  readonly outputs: readonly PortSpec[];
  /** JSON Schema of the params as the user types them (defaulted fields optional). */
  readonly paramsSchema: Record<string, unknown>;
  readonly defaults: Record<string, unknown>;
  readonly docs: NodeDefinition['docs'];
}

let catalogCache: NodeCatalogEntry[] | null = null;

/** The registry as plain JSON (like ComfyUI's /object_info), for the palette and generated forms. */
export function nodeCatalogJson(): NodeCatalogEntry[] {
  catalogCache ??= nodeTypes.map((type) => {
    const def = nodeRegistry[type] as NodeDefinition;
    return {
      type,
      version: def.version,
      title: def.title,
      category: def.category,
      taxonomy: def.taxonomy ?? null,
      inputs: def.inputs,
      outputs: def.outputs,
      paramsSchema: z.toJSONSchema(def.params, { io: 'input' }) as Record<string, unknown>,
      defaults: defaultParams(type) as Record<string, unknown>,
      docs: def.docs,
    };
  });
  return catalogCache;
}
