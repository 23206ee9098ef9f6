import { featureLayerChoices, flatOutputWidth, type ModelSummary } from '../../formats/pretrained-model';
import type { PlanExtractor } from '../../formats/training-plan';
import type { CompileContext } from './compile-context';
import type { IssueSink } from './compile-issue';
import type { NodeOf } from './typed-node';

type Node = NodeOf<'pretrainedExtractor'>;
type Base = Pick<PlanExtractor, 'nodeId' | 'nodeType' | 'inputWidth' | 'imageShape'>;

/** The uploaded model's metadata, or an error on the node's `model` field. */
function modelOf(node: Node, ctx: CompileContext, sink: IssueSink): ModelSummary | null {
  const ref = node.params.model;
  const id = ref.startsWith('upload:') ? ref.slice('upload:'.length) : '';
  const meta = id && ctx.uploads && Object.hasOwn(ctx.uploads, id) ? ctx.uploads[id] : undefined;
  if (!id) sink.error('missingModel', `Pre-trained extractor "${node.id}" reads an uploaded model, but none is chosen.`, 'Upload a TF.js layers model (model.json + weights) and pick it.', { nodeId: node.id, field: 'model' });
  else if (!meta) sink.error('unknownModel', `Pre-trained extractor "${node.id}" uses the upload "${id}", which does not exist.`, 'Upload the model first (Uploads page), then pick it.', { nodeId: node.id, field: 'model' });
  else if (!meta.model) sink.error('notAModel', `Pre-trained extractor "${node.id}" uses "${meta.name ?? id}", which is a data set, not a model.`, 'Pick an upload of kind "model".', { nodeId: node.id, field: 'model' });
  return meta?.model ?? null;
}

/** The data's shape must be something the model's input can take (images resized; 1 or 3 channels either way). */
function checkInput(node: Node, model: ModelSummary, base: Base, sink: IssueSink): boolean {
  const want = model.inputShape;
  const at = { nodeId: node.id, field: 'model' };
  if (want.length === 1) {
    if (base.inputWidth === want[0]) return true;
    sink.error('modelInputMismatch', `The model takes vectors of ${want[0]} features; the domains have ${base.inputWidth}.`, 'Use data of that width, or a model made for it.', at);
    return false;
  }
  const c = want[2]!;
  const data = base.imageShape;
  if (!data) sink.error('modelNeedsImages', `The model takes ${want.join('×')} images; the domains are not image data.`, 'Use an image data set (or an image zip upload).', at);
  else if (![1, 3].includes(c) || ![1, 3].includes(data[2])) sink.error('modelChannels', `The model wants ${c} channels and the images have ${data[2]}; only 1 ↔ 3 channels are converted.`, 'Use a grayscale or RGB model and data.', at);
  else return true;
  return false;
}

/** The plan extractor of a Pre-trained extractor reading an uploaded model, cut at its feature layer. */
export function buildUploadedExtractor(node: Node, base: Base, ctx: CompileContext, sink: IssueSink): PlanExtractor | null {
  const model = modelOf(node, ctx, sink);
  if (!model || !checkInput(node, model, base, sink)) return null;
  const choices = featureLayerChoices(model);
  const names = choices.map((l) => l.name);
  const wanted = node.params.featureLayer || (choices.at(-2) ?? choices.at(-1))?.name || '';
  const index = names.indexOf(wanted);
  if (index < 0) {
    sink.error('unknownLayer', `The model has no layer "${wanted}".`, `Pick one of: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}.`, { nodeId: node.id, field: 'featureLayer' });
    return null;
  }
  const width = flatOutputWidth(choices[index]!);
  if (width === null) {
    sink.error('unknownLayerWidth', `Layer "${wanted}" has an output of unknown size.`, 'Pick a layer with a fixed output shape.', { nodeId: node.id, field: 'featureLayer' });
    return null;
  }
  const layers = names.slice(0, index + 1);
  if (node.params.freeze === 'from' && !layers.includes(node.params.trainFrom)) {
    sink.error('unknownLayer', `Freeze "from": "${node.params.trainFrom}" is not a layer up to the feature layer "${wanted}".`, 'Pick the first layer to train from the model’s layer list.', { nodeId: node.id, field: 'trainFrom' });
    return null;
  }
  const upload = { id: node.params.model.slice('upload:'.length), featureLayer: wanted, inputShape: [...model.inputShape], layers };
  return { ...base, kind: 'pretrained', layers: [], outputWidth: width, upload };
}

/** Layers a stage keeps fixed for a pre-trained extractor: all, none, or those before `trainFrom`. */
export function pretrainedFrozen(node: Node, extractor: PlanExtractor): string[] {
  if (node.params.freeze === 'all') return ['extractor'];
  if (node.params.freeze === 'none' || !extractor.upload) return [];
  const layers = extractor.upload.layers;
  return layers.slice(0, Math.max(0, layers.indexOf(node.params.trainFrom))).map((l) => `extractor/${l}`);
}
