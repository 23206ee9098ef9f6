import { PLAN_FORMAT, PLAN_VERSION, type PlanDomain, type PlanExtractor, type PlanHead, type TrainingPlan } from '../../formats/training-plan';
import type { GraphDocument } from '../../formats/graph-document';
import { defaultParams } from '../../nodes/registry';
import { buildStages } from './build-stages';
import type { Pipeline } from './find-pipeline';
import { objectiveText } from './objective-text';
import type { DomainInfo, DomainSet } from './resolve-domains';
import type { NodeOf } from './typed-node';

export interface PlanParts {
  readonly document: GraphDocument;
  readonly domains: DomainSet & { source: DomainInfo; target: DomainInfo };
  readonly pipeline: Pipeline & { trainer: NodeOf<'trainer'> };
  readonly extractor: PlanExtractor;
  readonly head: PlanHead;
}

function planDomain(d: DomainInfo, order: number): PlanDomain {
  const out: PlanDomain = { nodeId: d.nodeId, nodeType: d.nodeType, name: d.name, role: d.role, order, dataset: d.ref, width: d.width, classes: d.classes, imageShape: d.imageShape, labels: d.labels, testFraction: d.role === 'target' ? d.testFraction : 0, validationFraction: d.role === 'intermediate' || d.role === 'auxiliary' ? 0 : d.validationFraction };
  if (d.scaling !== 'none') out.scaling = d.scaling;
  if (d.classNames) out.classNames = [...d.classNames];
  return out;
}

/** Assembles the plan from parts that have all passed their checks. */
export function buildPlan({ document, domains, pipeline, extractor, head }: PlanParts): TrainingPlan {
  const { source, target, intermediates, auxiliary } = domains;
  const { trainer, evaluate, exportNode, boost } = pipeline;
  const stages = buildStages({ source, target, domains, pipeline, trainer, extractor, head });
  const evalParams = evaluate?.params ?? defaultParams('evaluate');
  const targetLabelled = target.labels !== 'none';
  // Source-only always: every run measures its own transfer gain.
  const baselines: TrainingPlan['baselines'] = [{ kind: 'sourceOnly' }];
  if (targetLabelled && evalParams.targetOnly) baselines.push({ kind: 'targetOnly' });
  if (boost || (targetLabelled && evalParams.sourcePlusTarget)) baselines.push({ kind: 'sourcePlusTarget' });
  return {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    graphName: document.name,
    seed: trainer.params.seed,
    device: trainer.params.device,
    domains: [
      planDomain(source, 0),
      ...intermediates.map((d, i) => planDomain(d, i + 1)),
      planDomain(target, intermediates.length + 1),
      ...auxiliary.map((d) => planDomain(d, 0)),
    ],
    model: { extractor, head },
    stages,
    baselines,
    evaluation: {
      nodeId: evaluate?.id ?? null,
      targetDomain: target.nodeId,
      metrics: [...new Set(evalParams.metrics)],
      domainDistances: [...new Set(evalParams.domainDistances)],
      featureProjection: evalParams.featureProjection,
      repeats: evalParams.repeats,
      testCurve: evalParams.testCurve,
      validatorPoints: evalParams.validatorPoints,
    },
    export: exportNode ? { nodeId: exportNode.id, name: exportNode.params.name } : null,
    objective: objectiveText(stages, head, domains),
  };
}
