import type { PlanExtractor, PlanLayer } from '../../formats/training-plan';
import type { IssueSink } from './compile-issue';
import type { CompileContext } from './compile-context';
import { buildUploadedExtractor } from './build-uploaded-extractor';
import type { GraphIndex } from './graph-index';
import type { Pipeline } from './find-pipeline';
import type { DomainInfo, DomainSet } from './resolve-domains';

type Extractor = NonNullable<Pipeline['extractor']>;
type Activation = Extract<PlanLayer, { kind: 'dense' }>['activation'];

/** Domains reaching the extractor's inputs, with the edge that brought each. */
export function extractorDomains(index: GraphIndex, domains: DomainSet, extractorId: string, port: 'domains' | 'unlabelled'): { edgeId: string; domain: DomainInfo }[] {
  return index.inputs(extractorId, port).flatMap((edge) => {
    const domain = domains.byId.get(edge.source);
    return domain ? [{ edgeId: edge.id, domain }] : [];
  });
}

/**
 * The extractor's layers and output width, from the width (and image shape) of the domains wired into
 * it (KNIME's configure step). Every domain must agree on the input shape.
 */
export function buildExtractor(index: GraphIndex, domains: DomainSet, node: Extractor, sink: IssueSink, ctx: CompileContext = {}): PlanExtractor | null {
  const fed = extractorDomains(index, domains, node.id, 'domains');
  const extra = node.type === 'autoencoder' ? extractorDomains(index, domains, node.id, 'unlabelled') : [];
  const all = [...fed, ...extra];
  const reference = all.find((d) => d.domain.role === 'source')?.domain ?? all[0]?.domain;
  if (!reference) return null;
  let ok = true;
  for (const { edgeId, domain } of all) {
    const sameShape = JSON.stringify(domain.imageShape) === JSON.stringify(reference.imageShape);
    if (domain.width !== reference.width || !sameShape) {
      ok = false;
      sink.error(
        'widthMismatch',
        `${index.describe(domain.nodeId)} has ${shapeText(domain)} but ${index.describe(reference.nodeId)} has ${shapeText(reference)}; one extractor cannot read both.`,
        'Wire only domains of the same data shape into one extractor (e.g. MNIST 8×8 with optdigits, not with two moons).',
        { nodeId: node.id, edgeId, field: 'domains' },
      );
    }
  }
  if (!ok) return null;
  const base = { nodeId: node.id, nodeType: node.type, inputWidth: reference.width, imageShape: reference.imageShape };
  switch (node.type) {
    case 'mlpExtractor':
      return { ...base, kind: 'mlp', layers: denseStack(node.params.hidden, node.params.activation, node.params.dropout), outputWidth: node.params.hidden.at(-1)! };
    case 'autoencoder': {
      const layers = denseStack([...node.params.hidden, node.params.codeWidth], node.params.activation, 0);
      const pretrain = { epochs: node.params.pretrainEpochs, domains: unique(all.map((d) => d.domain.nodeId)) };
      return { ...base, kind: 'autoencoder', layers, outputWidth: node.params.codeWidth, pretrain };
    }
    case 'pretrainedExtractor':
      if (node.params.source === 'upload') return buildUploadedExtractor(node, base, ctx, sink);
      if (node.params.freeze === 'from') {
        sink.error('invalidParam', `Pre-trained extractor "${node.id}": freezing "from" a layer needs an uploaded model (an exported artifact's layers are known only when it loads).`, 'Use freeze "all" or "none", or source "upload".', { nodeId: node.id, field: 'freeze' });
        return null;
      }
      // Its layers come from the artifact at run time; only the feature width is declared.
      return { ...base, kind: 'pretrained', layers: [], outputWidth: node.params.featureWidth, artifact: node.params.artifact };
    case 'cnnExtractor':
      return buildCnn(node, base, fed, sink);
  }
}

/** Dense layers named extractor/dense_i; the last one is the feature layer, named 'features'. */
function denseStack(units: number[], activation: Activation, dropout: number): PlanLayer[] {
  return units.map((u, i) => ({ kind: 'dense', name: i === units.length - 1 ? 'features' : `extractor/dense_${i}`, units: u, activation, dropout }));
}

function buildCnn(node: Extract<Extractor, { type: 'cnnExtractor' }>, base: Omit<PlanExtractor, 'kind' | 'layers' | 'outputWidth'>, fed: { edgeId: string; domain: DomainInfo }[], sink: IssueSink): PlanExtractor | null {
  const flat = fed.filter((d) => d.domain.imageShape === null);
  for (const { edgeId, domain } of flat)
    sink.error('cnnNeedsImages', `CNN "${node.id}" gets "${domain.nodeId}", which is not image data (${domain.width} features, no height × width).`, 'Use an MLP extractor for tabular or text data, or pick an image data set.', {
      nodeId: node.id,
      edgeId,
      field: 'domains',
    });
  if (flat.length > 0 || !base.imageShape) return null;
  const { filters, kernelSize, poolSize, featureWidth, activation } = node.params;
  let [h, w] = base.imageShape;
  const layers: PlanLayer[] = [];
  for (const [i, f] of filters.entries()) {
    // Convolutions use 'same' padding: only pooling shrinks the image.
    layers.push({ kind: 'conv2d', name: `extractor/conv_${i}`, filters: f, kernelSize, activation });
    if (poolSize > 1) {
      [h, w] = [Math.floor(h / poolSize), Math.floor(w / poolSize)];
      if (h < 1 || w < 1) {
        sink.error('imageTooSmall', `CNN "${node.id}": after ${i + 1} pooling steps of ${poolSize} the ${base.imageShape[0]}×${base.imageShape[1]} image has no pixels left.`, 'Use fewer conv blocks or a smaller pool size.', {
          nodeId: node.id,
          field: 'filters',
        });
        return null;
      }
      layers.push({ kind: 'maxPool2d', name: `extractor/pool_${i}`, poolSize });
    }
  }
  layers.push({ kind: 'flatten', name: 'extractor/flatten' }, { kind: 'dense', name: 'features', units: featureWidth, activation, dropout: 0 });
  return { ...base, kind: 'cnn', layers, outputWidth: featureWidth };
}

function shapeText(d: DomainInfo): string {
  return d.imageShape ? `images of ${d.imageShape.join('×')}` : `${d.width} features`;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
