import type { PlanExtractor } from '../../formats/training-plan';
import { lossTermTypes } from '../../nodes/registry';
import type { IssueSink } from './compile-issue';
import type { GraphIndex } from './graph-index';
import { extractorDomains } from './build-extractor';
import type { Pipeline } from './find-pipeline';
import type { DomainSet } from './resolve-domains';

/** Structures that are well-typed but make no sense as a transfer-learning pipeline. */
export function checkSemantics(index: GraphIndex, domains: DomainSet, pipeline: Pipeline, extractor: PlanExtractor | null, sink: IssueSink): void {
  checkDomainsInModel(index, domains, pipeline, sink);
  checkClasses(index, domains, sink);
  checkAdaptations(index, domains, pipeline, sink);
  checkBoost(index, domains, pipeline, sink);
  checkChain(index, domains, extractor, sink);
  checkUploadedModelUse(pipeline, extractor, sink);
}

/** What an uploaded model cannot do: be resized inside an export (TF.js's Resizing layer does not save), boosting. */
function checkUploadedModelUse(pipeline: Pipeline, extractor: PlanExtractor | null, sink: IssueSink): void {
  const up = extractor?.upload;
  if (!up || !extractor) return;
  const [h, w] = up.inputShape;
  const data = extractor.imageShape;
  if (pipeline.exportNode && up.inputShape.length === 3 && data && (data[0] !== h || data[1] !== w)) {
    sink.error('exportResize', `The uploaded model takes ${h}×${w} images and the data are ${data[0]}×${data[1]}: training resizes them, but an exported model cannot (TF.js's Resizing layer does not survive saving).`, 'Upload the images at the model’s input size, or remove the Export node.', { nodeId: pipeline.exportNode.id });
  }
  if (pipeline.boost) sink.error('boostUploadedModel', 'TrAdaBoost cannot use an uploaded model as its base learner (its vote is exported as one network of the runtime’s own layers).', 'Use an MLP or CNN extractor with TrAdaBoost.', { nodeId: pipeline.boost.id });
}

function checkDomainsInModel(index: GraphIndex, domains: DomainSet, { extractor }: Pipeline, sink: IssueSink): void {
  if (!extractor) return;
  const fed = new Set(extractorDomains(index, domains, extractor.id, 'domains').map((d) => d.domain.nodeId));
  for (const domain of [domains.source, domains.target])
    if (domain && !fed.has(domain.nodeId))
      sink.error('domainNotInModel', `${index.describe(domain.nodeId)} is not wired into the extractor, so the model never sees it.`, `Connect ${domain.nodeId}.data to ${extractor.id}.domains.`, {
        nodeId: domain.nodeId,
        field: 'data',
      });
}

function checkClasses(index: GraphIndex, { source, target, intermediates }: DomainSet, sink: IssueSink): void {
  if (!source) return;
  for (const d of [target, ...intermediates.filter((i) => i.labels !== 'none')])
    if (d && d.classes !== source.classes)
      sink.error('classMismatch', `${index.describe(d.nodeId)} has ${d.classes} classes but the source has ${source.classes}; the classifier cannot serve both.`, 'Pick data sets with the same classes (e.g. digits 0–9 on both sides).', {
        nodeId: d.nodeId,
        field: 'dataset',
      });
}

function checkAdaptations(index: GraphIndex, domains: DomainSet, pipeline: Pipeline, sink: IssueSink): void {
  for (const node of index.ofKind(...lossTermTypes)) {
    const from = index.inputs(node.id, 'features')[0]?.source;
    const fed = from ? extractorDomains(index, domains, from, 'domains') : [];
    const roles = new Set(fed.map((d) => d.domain.role));
    // A domain with its own errors is not resolved; say nothing rather than something misleading.
    const allResolved = from !== undefined && fed.length === index.inputs(from, 'domains').length;
    if (allResolved && !(roles.has('source') && roles.has('target')))
      sink.error(
        'adaptationNeedsSourceAndTarget',
        `${index.describe(node.id)} aligns source and target features, but the extractor feeding it sees ${roles.size ? [...roles].join(' and ') : 'no domain'} only.`,
        'Wire both the source and the target domain into the extractor’s domains input.',
        { nodeId: node.id, field: 'features' },
      );
    if (node.type === 'mmdAdaptation') {
      if (node.params.lambda === 0) sink.warn('zeroWeight', `${index.describe(node.id)} has λ = 0, so it changes nothing.`, 'Set lambda above 0 (0.1–1 is typical).', { nodeId: node.id, field: 'lambda' });
      if (node.params.variant === 'ddc' && (node.params.alphas?.length ?? 1) > 1)
        sink.warn('ddcSingleKernel', `DDC uses one Gaussian kernel; ${index.describe(node.id)} lists ${node.params.alphas?.length} bandwidths, making it multi-kernel.`, 'Choose variant dan, or keep one α.', {
          nodeId: node.id,
          field: 'alphas',
        });
      if (node.params.layers === 'features+logits' && pipeline.head && pipeline.head.type !== 'classifierHead')
        sink.error('layerNotFound', `${index.describe(node.id)} adapts the logits, but a ${pipeline.head.type} has no head/logits layer.`, 'Use layers "features" or "all-hidden".', {
          nodeId: node.id,
          field: 'layers',
        });
    } else if (node.type === 'domainAdversarial' && node.params.lambdaMax === 0) {
      sink.warn('zeroWeight', `${index.describe(node.id)} has λ_max = 0, so it changes nothing.`, 'Set lambdaMax above 0 (1 is the DANN default).', { nodeId: node.id, field: 'lambdaMax' });
    }
  }
}

function checkBoost(index: GraphIndex, domains: DomainSet, pipeline: Pipeline, sink: IssueSink): void {
  for (const node of index.ofKind('trAdaBoost')) {
    const src = domains.byId.get(index.inputs(node.id, 'source')[0]?.source ?? '');
    const tgt = domains.byId.get(index.inputs(node.id, 'target')[0]?.source ?? '');
    if (src && src.role !== 'source')
      sink.error('wrongDomainRole', `TrAdaBoost "${node.id}" expects the source domain at its source input, not ${index.describe(src.nodeId)}.`, 'Connect the Source domain to source.', {
        nodeId: node.id,
        field: 'source',
      });
    if (tgt && tgt.role !== 'target')
      sink.error('wrongDomainRole', `TrAdaBoost "${node.id}" expects the target domain at its target input, not ${index.describe(tgt.nodeId)}.`, 'Connect the Target domain to target.', {
        nodeId: node.id,
        field: 'target',
      });
    else if (tgt && tgt.labels === 'none')
      sink.error('boostNeedsLabelledTarget', `TrAdaBoost "${node.id}" measures each round's error on labelled target samples, but the target has none.`, 'Set the target’s labelledCount above 0 (about 1% of the source size is typical).', {
        nodeId: node.id,
        field: 'target',
      });
  }
  if (pipeline.boost && domains.intermediates.length > 0)
    sink.error('boostWithChain', 'TrAdaBoost reweights one source against one target; it cannot run along a transitive chain.', 'Remove the intermediate domains or the TrAdaBoost node.', {
      nodeId: pipeline.boost.id,
    });
}

function checkChain(index: GraphIndex, domains: DomainSet, extractor: PlanExtractor | null, sink: IssueSink): void {
  for (const node of index.ofKind('fineTune', 'conservativeTraining')) {
    const data = domains.byId.get(index.inputs(node.id, 'data')[0]?.source ?? '');
    if (data && data.labels === 'none')
      sink.error('continueNeedsLabels', `${index.describe(node.id)} trains on ${index.describe(data.nodeId)}, which has no labels to train on.`, 'Set the target’s labelledCount above 0, or connect a labelled domain.', {
        nodeId: node.id,
        field: 'data',
      });
    else if (data?.role === 'source')
      sink.warn('continueOnSource', `${index.describe(node.id)} continues training on the source, which the trainer already used.`, 'Connect the labelled target instead.', { nodeId: node.id, field: 'data' });
    if (node.type !== 'fineTune' || node.params.frozen !== 'first-k' || !extractor) continue;
    const trainable = extractor.layers.filter((l) => l.kind === 'dense' || l.kind === 'conv2d').length;
    if (extractor.kind === 'pretrained')
      sink.error('invalidParam', `Fine-tune "${node.id}" cannot freeze the first k layers of a pre-trained extractor whose layers are not known before loading.`, 'Use frozen "extractor" or "none".', {
        nodeId: node.id,
        field: 'frozen',
      });
    else if (node.params.k > trainable)
      sink.error('invalidParam', `Fine-tune "${node.id}" freezes the first ${node.params.k} layers, but the extractor has ${trainable}.`, `Set k from 1 to ${trainable}.`, { nodeId: node.id, field: 'k' });
  }
}
