import { describe, expect, it } from 'vitest';
import { migrateGraph } from '../../formats/migrate-graph';
import type { GraphDocument } from '../../formats/graph-document';
import type { ModelSummary } from '../../formats/pretrained-model';
import type { UploadMeta } from './compile-context';
import { compileGraph } from './compile-graph';
import { expectError, nodeOf, templateDoc } from './test-support';

const layer = (name: string, className: string, outputShape: number[], params = 0) => ({ name, className, outputShape, params, trainable: params > 0 });
const summary: ModelSummary = {
  version: 1,
  inputShape: [8, 8, 1],
  layers: [layer('image', 'InputLayer', [8, 8, 1]), layer('conv1', 'Conv2D', [8, 8, 4], 36), layer('dw1', 'DepthwiseConv2D', [8, 8, 4], 36), layer('features', 'GlobalAveragePooling2D', [4]), layer('logits', 'Dense', [5], 25)],
  totalParams: 97,
  weightBytes: 388,
};
const uploads: Record<string, UploadMeta> = {
  m: { name: 'mini.zip', width: 64, classes: 0, labelled: false, imageShape: [8, 8, 1], rows: 0, model: summary },
  d: { name: 'data.csv', width: 64, classes: 10, labelled: true, imageShape: null, rows: 100 },
};

/** The fine-tune template on 8×8 digits, its extractor a pre-trained one reading `params`. */
function graph(params: Record<string, unknown>): GraphDocument {
  const m = migrateGraph(templateDoc('fine-tune'));
  if (!m.ok) throw new Error('template does not migrate');
  const doc = m.document;
  Object.assign(nodeOf(doc, 'extractor'), { type: 'pretrainedExtractor', typeVersion: 2, params: { source: 'upload', model: 'upload:m', ...params } });
  nodeOf(doc, 'finetune').params = { ...nodeOf(doc, 'finetune').params, frozen: 'none' };
  return doc;
}

describe('a pre-trained extractor reading an uploaded model', () => {
  it('cuts at the picked layer: the plan names the upload, the layers up to it, and its width; freezing "from" freezes the layers before', () => {
    const result = compileGraph(graph({ featureLayer: 'dw1', freeze: 'from', trainFrom: 'dw1' }), { uploads });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan.model.extractor).toMatchObject({ kind: 'pretrained', outputWidth: 256, upload: { id: 'm', featureLayer: 'dw1', inputShape: [8, 8, 1], layers: ['conv1', 'dw1'] } });
    expect(result.plan.stages[0]!.frozen).toEqual(['extractor/conv1']);
  });

  it('defaults to the layer before the last, and freezes everything by default', () => {
    const result = compileGraph(graph({}), { uploads });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan.model.extractor.upload?.featureLayer).toBe('features');
    expect(result.plan.model.extractor.outputWidth).toBe(4);
    expect(result.plan.stages[0]!.frozen).toEqual(['extractor']);
  });

  it.each([
    [{ model: '' }, 'missingModel', 'model'],
    [{ model: 'upload:gone' }, 'unknownModel', 'model'],
    [{ model: 'upload:d' }, 'notAModel', 'model'],
    [{ featureLayer: 'nope' }, 'unknownLayer', 'featureLayer'],
    [{ featureLayer: 'conv1', freeze: 'from', trainFrom: 'dw1' }, 'unknownLayer', 'trainFrom'],
  ])('refuses %j', (params, code, field) => {
    expectError(compileGraph(graph(params), { uploads }), { code, nodeId: 'extractor', field });
  });

  it('refuses "from" with an exported artifact, and a model upload used as a data set', () => {
    expectError(compileGraph(graph({ source: 'artifact', freeze: 'from' }), { uploads }), { code: 'invalidParam', nodeId: 'extractor', field: 'freeze' });
    const doc = graph({});
    nodeOf(doc, 'source').params = { ...nodeOf(doc, 'source').params, dataset: 'upload:m', options: {} };
    expectError(compileGraph(doc, { uploads }), { code: 'modelAsDataset', nodeId: 'source', field: 'dataset' });
  });

  it('refuses data the model cannot take', () => {
    const rgb = { ...uploads, m: { ...uploads.m!, model: { ...summary, inputShape: [8, 8, 2] } } };
    expectError(compileGraph(graph({}), { uploads: rgb }), { code: 'modelChannels', nodeId: 'extractor' });
    const flat = { ...uploads, m: { ...uploads.m!, model: { ...summary, inputShape: [10] } } };
    expectError(compileGraph(graph({}), { uploads: flat }), { code: 'modelInputMismatch', nodeId: 'extractor' });
  });
});
