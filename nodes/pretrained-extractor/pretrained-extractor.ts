import { z } from 'zod';
import { defineNode } from '../core/define-node';
import { extractorInputs, featureOutputs } from '../core/node-ports';

const layerName = z.string().max(200).regex(/^[A-Za-z0-9_.:/-]*$/, 'a layer name from the model (letters, digits, _ . : / -)');

export const pretrainedExtractorNode = defineNode({
  type: 'pretrainedExtractor',
  version: 2,
  category: 'model',
  taxonomy: 'parameter-based',
  title: 'Pre-trained extractor',
  inputs: extractorInputs,
  outputs: featureOutputs,
  params: z.object({
    source: z
      .enum(['artifact', 'upload'])
      .default('artifact')
      .describe('A model exported by an earlier run, or a TF.js layers model you uploaded (a MobileNet, a Teachable Machine export…).'),
    artifact: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - (a name given by an Export node)')
      .default('my-model')
      .describe('Source "artifact": name of a model exported earlier (TensorFlow.js format only; nothing else is ever loaded).'),
    featureWidth: z.number().int().min(1).max(4096).default(64).describe('Source "artifact": width of the exported model’s feature layer.'),
    model: z
      .string()
      .max(100)
      .regex(/^(upload:[A-Za-z0-9_-]+)?$/, 'upload:<id> of an uploaded model')
      .default('')
      .describe('Source "upload": the uploaded TF.js layers model (upload kind "model": model.json + weight files, or a zip of them).'),
    featureLayer: layerName.default('').describe('Source "upload": the layer whose output is the feature stream (empty: the layer before the model’s last one).'),
    freeze: z
      .enum(['all', 'none', 'from'])
      .default('all')
      .describe('Keep the loaded weights fixed (all), train them all (none), or train from one layer on (from).'),
    trainFrom: layerName.default('').describe('Freeze "from": this layer and the ones after it train; the layers before it stay fixed.'),
  }),
  migrate: (params, fromVersion) => {
    if (fromVersion >= 2) return params;
    // Version 1: freeze was a boolean, and the only source an exported artifact.
    const { freeze, ...rest } = params;
    return { ...rest, source: 'artifact', freeze: freeze === false ? 'none' : 'all' };
  },
  docs: {
    summary: 'Reuses a pre-trained network as the feature extractor: a model exported by an earlier run, or a TF.js layers model you upload, cut at the layer you pick.',
    formula: 'f = f_source up to the feature layer (frozen, tuned, or tuned from layer X on)',
    whenItHelps: 'When the earlier model was trained on a large, related source (ImageNet features for photos): its features carry over and few target labels suffice.',
    whenItHurts: 'When the earlier task differs: frozen features that ignore what the target needs cap the accuracy; unfreezing everything on a few labels overfits.',
  },
});
