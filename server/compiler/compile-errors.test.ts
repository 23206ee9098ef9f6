import { describe, expect, it } from 'vitest';
import { compileGraph, validateGraph } from './compile-graph';
import { edgeId, errorsOf, expectError, nodeOf, templateDoc } from './test-support';

const upload = { width: 2, classes: 2, labelled: false, imageShape: null, rows: 200 } as const;

describe('compileGraph errors: document and wiring', () => {
  it('schema: reports the document path and the node it points into', () => {
    const doc = templateDoc('ddc') as unknown as { nodes: { position: unknown }[] };
    doc.nodes[2]!.position = { x: 'left' };
    expectError(compileGraph(doc), { code: 'schema', nodeId: 'extractor', field: 'position.x' });
  });
  it('unknownKind', () => {
    const doc = templateDoc('ddc');
    nodeOf(doc, 'mmd').type = 'wassersteinAdaptation';
    expectError(compileGraph(doc), { code: 'unknownKind', nodeId: 'mmd', field: 'type' });
  });
  it('nodeVersionTooNew', () => {
    const doc = templateDoc('ddc');
    nodeOf(doc, 'mmd').typeVersion = 9;
    expectError(compileGraph(doc), { code: 'nodeVersionTooNew', nodeId: 'mmd', field: 'typeVersion' });
  });
  it('duplicateId', () => {
    const doc = templateDoc('ddc');
    doc.nodes.push({ ...nodeOf(doc, 'head'), position: { x: 0, y: 0 } });
    expectError(compileGraph(doc), { code: 'duplicateId', nodeId: 'head', field: 'id' });
  });
  it('duplicateEdgeId', () => {
    const doc = templateDoc('ddc');
    doc.edges.push({ ...doc.edges[0]! });
    expectError(compileGraph(doc), { code: 'duplicateEdgeId', edgeId: doc.edges[0]!.id });
  });
  it('danglingEdge', () => {
    const doc = templateDoc('ddc');
    doc.edges.push({ id: 'ghost', source: 'nowhere', sourcePort: 'data', target: 'extractor', targetPort: 'domains' });
    expectError(compileGraph(doc), { code: 'danglingEdge', edgeId: 'ghost', field: 'source' });
  });
  it('unknownPort', () => {
    const doc = templateDoc('ddc');
    const edge = doc.edges.find((e) => e.source === 'mmd')!;
    edge.targetPort = 'extraLosses';
    expectError(compileGraph(doc), { code: 'unknownPort', edgeId: edge.id, nodeId: 'trainer', field: 'targetPort' });
  });
  it('portTypeMismatch', () => {
    const doc = templateDoc('ddc');
    doc.edges.push({ id: 'bad', source: 'source', sourcePort: 'data', target: 'trainer', targetPort: 'losses' });
    expectError(compileGraph(doc), { code: 'portTypeMismatch', edgeId: 'bad', nodeId: 'trainer', field: 'losses' });
  });
  it('multipleEdges into a single input', () => {
    const doc = templateDoc('ddc');
    doc.nodes.push({ id: 'head2', type: 'classifierHead', typeVersion: 1, params: {}, position: { x: 0, y: 0 } });
    doc.edges.push({ id: 'e-h2', source: 'extractor', sourcePort: 'features', target: 'head2', targetPort: 'features' });
    doc.edges.push({ id: 'second-model', source: 'head2', sourcePort: 'model', target: 'trainer', targetPort: 'model' });
    expectError(compileGraph(doc), { code: 'multipleEdges', edgeId: 'second-model', nodeId: 'trainer', field: 'model' });
  });
  it('cycle', () => {
    const doc = templateDoc('fine-tune');
    doc.nodes.push({ id: 'ft2', type: 'fineTune', typeVersion: 1, params: {}, position: { x: 0, y: 0 } });
    doc.edges.push({ id: 'a', source: 'finetune', sourcePort: 'trained', target: 'ft2', targetPort: 'trained' });
    doc.edges = doc.edges.filter((e) => !(e.target === 'finetune' && e.targetPort === 'trained'));
    doc.edges.push({ id: 'back', source: 'ft2', sourcePort: 'trained', target: 'finetune', targetPort: 'trained' });
    doc.edges.push({ id: 'd', source: 'target', sourcePort: 'data', target: 'ft2', targetPort: 'data' });
    expectError(compileGraph(doc), { code: 'cycle', edgeId: 'back' });
  });
  it('missingInput', () => {
    const doc = templateDoc('ddc');
    doc.edges = doc.edges.filter((e) => e.target !== 'trainer' || e.targetPort !== 'model');
    expectError(compileGraph(doc), { code: 'missingInput', nodeId: 'trainer', field: 'model' });
  });
});

describe('compileGraph errors: params and data sets', () => {
  it('invalidParam names the field and its bounds', () => {
    const doc = templateDoc('ddc');
    nodeOf(doc, 'trainer').params.learningRate = 50;
    const issue = expectError(compileGraph(doc), { code: 'invalidParam', nodeId: 'trainer', field: 'learningRate' });
    expect(issue.hint).toMatch(/≤ 10/);
  });
  it('invalidParam on a domain does not also claim the domain is missing', () => {
    const doc = templateDoc('ddc');
    nodeOf(doc, 'source').params.name = '';
    const codes = errorsOf(compileGraph(doc)).map((e) => e.code);
    expect(codes).toContain('invalidParam');
    expect(codes).not.toContain('noSource');
  });
  it('invalidParam on a nested field', () => {
    const doc = templateDoc('ddc');
    nodeOf(doc, 'extractor').params.hidden = [10, -3];
    expectError(compileGraph(doc), { code: 'invalidParam', nodeId: 'extractor', field: 'hidden.1' });
  });
  it('unknownDataset (built-in)', () => {
    const doc = templateDoc('ddc');
    nodeOf(doc, 'target').params.dataset = 'cifar-10';
    expectError(compileGraph(doc), { code: 'unknownDataset', nodeId: 'target', field: 'dataset' });
  });
  it('unknownDataset (upload missing from the context)', () => {
    const doc = templateDoc('ddc');
    nodeOf(doc, 'target').params = { dataset: 'upload:abc' };
    expectError(compileGraph(doc, { uploads: {} }), { code: 'unknownDataset', nodeId: 'target', field: 'dataset' });
  });
  it('invalidDatasetOption: out of the catalog bounds, and unknown names', () => {
    const doc = templateDoc('ddc');
    nodeOf(doc, 'target').params.options = { samples: 100, rotation: 720, colour: 1 };
    const result = compileGraph(doc);
    expectError(result, { code: 'invalidDatasetOption', nodeId: 'target', field: 'options.rotation' });
    expectError(result, { code: 'invalidDatasetOption', nodeId: 'target', field: 'options.colour' });
  });
  it('unlabelledDomain: a labelled target whose upload has no labels', () => {
    const doc = templateDoc('ddc');
    nodeOf(doc, 'target').params = { dataset: 'upload:u1', labelledCount: 5 };
    expectError(compileGraph(doc, { uploads: { u1: upload } }), { code: 'unlabelledDomain', nodeId: 'target', field: 'labelledCount' });
  });
  it('tooManyLabels: more labels than the training split holds', () => {
    const doc = templateDoc('ddc');
    nodeOf(doc, 'target').params.labelledCount = 120; // the training split holds 100 of 200
    expectError(compileGraph(doc), { code: 'tooManyLabels', nodeId: 'target', field: 'labelledCount' });
  });
});

describe('compileGraph errors: structure', () => {
  it('widthMismatch: two moons and digits into one extractor', () => {
    const doc = templateDoc('ddc');
    nodeOf(doc, 'target').params.dataset = 'optdigits';
    nodeOf(doc, 'target').params.options = {};
    expectError(compileGraph(doc), { code: 'widthMismatch', nodeId: 'extractor', edgeId: edgeId(doc, 'target', 'extractor'), field: 'domains' });
  });
  it('classMismatch: source with 2 classes, target with 3', () => {
    const doc = templateDoc('ddc');
    nodeOf(doc, 'target').params.dataset = 'gaussian-blobs';
    nodeOf(doc, 'target').params.options = {};
    expectError(compileGraph(doc), { code: 'classMismatch', nodeId: 'target', field: 'dataset' });
  });
  it('cnnNeedsImages', () => {
    const doc = templateDoc('ddc');
    Object.assign(nodeOf(doc, 'extractor'), { type: 'cnnExtractor', typeVersion: 1 });
    nodeOf(doc, 'extractor').params = {};
    expectError(compileGraph(doc), { code: 'cnnNeedsImages', nodeId: 'extractor', edgeId: edgeId(doc, 'source', 'extractor'), field: 'domains' });
  });
  it('imageTooSmall: too many pooling steps for 8×8 digits', () => {
    const doc = templateDoc('fine-tune');
    Object.assign(nodeOf(doc, 'extractor'), { type: 'cnnExtractor', typeVersion: 1 });
    nodeOf(doc, 'extractor').params = { filters: [8, 8, 8, 8], poolSize: 2 };
    expectError(compileGraph(doc), { code: 'imageTooSmall', nodeId: 'extractor', field: 'filters' });
  });
  it('noSource and noTarget', () => {
    const doc = templateDoc('ddc');
    doc.nodes = doc.nodes.filter((n) => n.id !== 'source' && n.id !== 'target');
    doc.edges = doc.edges.filter((e) => e.source !== 'source' && e.source !== 'target');
    const result = compileGraph(doc);
    expectError(result, { code: 'noSource' });
    expectError(result, { code: 'noTarget' });
  });
  it('multipleSources', () => {
    const doc = templateDoc('ddc');
    doc.nodes.push({ ...nodeOf(doc, 'source'), id: 'source2' });
    doc.edges.push({ id: 's2', source: 'source2', sourcePort: 'data', target: 'extractor', targetPort: 'domains' });
    expectError(compileGraph(doc), { code: 'multipleSources', nodeId: 'source2' });
  });
  it('multipleTargets', () => {
    const doc = templateDoc('ddc');
    doc.nodes.push({ ...nodeOf(doc, 'target'), id: 'target2' });
    expectError(compileGraph(doc), { code: 'multipleTargets', nodeId: 'target2' });
  });
  it('noTrainer / noHead / noExtractor', () => {
    const doc = templateDoc('ddc');
    doc.nodes = doc.nodes.filter((n) => !['trainer', 'head', 'extractor'].includes(n.id));
    const result = compileGraph(doc);
    for (const code of ['noTrainer', 'noHead', 'noExtractor']) expectError(result, { code });
  });
  it('tooManyNodes: a second extractor', () => {
    const doc = templateDoc('ddc');
    doc.nodes.push({ id: 'extractor2', type: 'mlpExtractor', typeVersion: 1, params: {}, position: { x: 0, y: 0 } });
    doc.edges.push({ id: 'x2', source: 'source', sourcePort: 'data', target: 'extractor2', targetPort: 'domains' });
    expectError(compileGraph(doc), { code: 'tooManyNodes', nodeId: 'extractor2' });
  });
  it('branchingChain: two fine-tunes from one trainer', () => {
    const doc = templateDoc('fine-tune');
    doc.nodes.push({ ...nodeOf(doc, 'finetune'), id: 'finetune2' });
    doc.edges.push({ id: 'fork', source: 'trainer', sourcePort: 'trained', target: 'finetune2', targetPort: 'trained' });
    doc.edges.push({ id: 'fork-data', source: 'target', sourcePort: 'data', target: 'finetune2', targetPort: 'data' });
    expectError(compileGraph(doc), { code: 'branchingChain', nodeId: 'finetune2', edgeId: 'fork' });
  });
  it('domainNotInModel: the target never reaches the extractor', () => {
    const doc = templateDoc('fine-tune');
    doc.edges = doc.edges.filter((e) => !(e.source === 'target' && e.target === 'extractor'));
    expectError(compileGraph(doc), { code: 'domainNotInModel', nodeId: 'target', field: 'data' });
  });
  it('adaptationNeedsSourceAndTarget: MMD with only the source reaching its features', () => {
    const doc = templateDoc('ddc');
    doc.edges = doc.edges.filter((e) => !(e.source === 'target' && e.target === 'extractor'));
    expectError(compileGraph(doc), { code: 'adaptationNeedsSourceAndTarget', nodeId: 'mmd', field: 'features' });
  });
  it('boostNeedsLabelledTarget: TrAdaBoost with an unlabelled target', () => {
    const doc = templateDoc('tradaboost');
    nodeOf(doc, 'target').params.labelledCount = 0;
    expectError(compileGraph(doc), { code: 'boostNeedsLabelledTarget', nodeId: 'boost', field: 'target' });
  });
  it('wrongDomainRole: TrAdaBoost given the target as its source', () => {
    const doc = templateDoc('tradaboost');
    doc.edges.find((e) => e.target === 'boost' && e.targetPort === 'source')!.source = 'target';
    expectError(compileGraph(doc), { code: 'wrongDomainRole', nodeId: 'boost', field: 'source' });
  });
  it('boostWithChain: TrAdaBoost with intermediate domains', () => {
    const doc = templateDoc('tradaboost');
    doc.nodes.push({ id: 'mid', type: 'intermediateDomain', typeVersion: 1, params: { dataset: 'spam-later' }, position: { x: 0, y: 0 } });
    doc.edges.push({ id: 'mid-x', source: 'mid', sourcePort: 'data', target: 'extractor', targetPort: 'domains' });
    expectError(compileGraph(doc), { code: 'boostWithChain', nodeId: 'boost' });
  });
  it('continueNeedsLabels: fine-tuning on an unlabelled target', () => {
    const doc = templateDoc('fine-tune');
    nodeOf(doc, 'target').params.labelledCount = 0;
    expectError(compileGraph(doc), { code: 'continueNeedsLabels', nodeId: 'finetune', field: 'data' });
  });
  it('invalidParam from structure: first-k beyond the extractor depth', () => {
    const doc = templateDoc('fine-tune');
    nodeOf(doc, 'finetune').params.k = 5;
    expectError(compileGraph(doc), { code: 'invalidParam', nodeId: 'finetune', field: 'k' });
  });
  it('multiTaskNeedsLabelledTarget', () => {
    const doc = templateDoc('multi-task');
    nodeOf(doc, 'target').params.labelledCount = 0;
    expectError(compileGraph(doc), { code: 'multiTaskNeedsLabelledTarget', nodeId: 'head', field: 'targetWeight' });
  });
  it('zeroWeight: multi-task with both weights 0', () => {
    const doc = templateDoc('multi-task');
    Object.assign(nodeOf(doc, 'head').params, { sourceWeight: 0, targetWeight: 0 });
    expectError(compileGraph(doc), { code: 'zeroWeight', nodeId: 'head', field: 'sourceWeight' });
  });
  it('attributeTable: the line and column of a bad cell', () => {
    const doc = templateDoc('zero-shot');
    nodeOf(doc, 'head').params.classAttributes = '1,0\n0,1\n1,one';
    const issue = expectError(compileGraph(doc), { code: 'attributeTable', nodeId: 'head', field: 'classAttributes' });
    expect(issue.message).toMatch(/line 3, column 2/);
  });
  it('attributeRows: fewer rows than classes', () => {
    const doc = templateDoc('zero-shot');
    nodeOf(doc, 'head').params.classAttributes = '1,0\n0,1';
    expectError(compileGraph(doc), { code: 'attributeRows', nodeId: 'head', field: 'classAttributes' });
  });
  it('unseenClassRange', () => {
    const doc = templateDoc('zero-shot');
    nodeOf(doc, 'head').params.unseenClasses = [3, 12];
    expectError(compileGraph(doc), { code: 'unseenClassRange', nodeId: 'head', field: 'unseenClasses' });
  });
  it('layerNotFound: adapting logits that a zero-shot head does not have', () => {
    const doc = templateDoc('zero-shot');
    doc.nodes.push({ id: 'mmd', type: 'mmdAdaptation', typeVersion: 2, params: { layers: 'features+logits' }, position: { x: 0, y: 0 } });
    doc.edges.push({ id: 'f', source: 'extractor', sourcePort: 'features', target: 'mmd', targetPort: 'features' });
    doc.edges.push({ id: 'l', source: 'mmd', sourcePort: 'loss', target: 'trainer', targetPort: 'losses' });
    expectError(compileGraph(doc), { code: 'layerNotFound', nodeId: 'mmd', field: 'layers' });
  });
});

describe('compileGraph reporting', () => {
  it('returns every error, not the first', () => {
    const doc = templateDoc('ddc');
    nodeOf(doc, 'trainer').params.epochs = 0;
    nodeOf(doc, 'target').params.dataset = 'nope';
    nodeOf(doc, 'mmd').params.lambda = -1;
    doc.edges.push({ id: 'ghost', source: 'x', sourcePort: 'data', target: 'extractor', targetPort: 'domains' });
    const codes = errorsOf(compileGraph(doc)).map((e) => `${e.code}:${e.nodeId ?? e.edgeId}`);
    expect(codes).toEqual(expect.arrayContaining(['invalidParam:trainer', 'unknownDataset:target', 'invalidParam:mmd', 'danglingEdge:ghost']));
  });
  it('warns about nodes that change nothing', () => {
    const doc = templateDoc('ddc');
    doc.edges = doc.edges.filter((e) => e.source !== 'mmd');
    const result = compileGraph(doc);
    expect(result.ok).toBe(true);
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'unusedNode', nodeId: 'mmd', severity: 'warning' }));
  });
  it('validateGraph gives the same verdict without a plan', () => {
    const doc = templateDoc('ddc');
    expect(validateGraph(doc)).toMatchObject({ ok: true, errors: [] });
    nodeOf(doc, 'trainer').params.batchSize = 0;
    const result = validateGraph(doc);
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ code: 'invalidParam', nodeId: 'trainer', field: 'batchSize' });
    expect('plan' in result).toBe(false);
  });
  it('keeps ids such as __proto__ as plain data', () => {
    const doc = templateDoc('ddc');
    const renamed = JSON.parse(JSON.stringify(doc).replaceAll(':"target"', ':"__proto__"')) as unknown;
    const result = compileGraph(renamed);
    expect(result.ok).toBe(true);
    expect(Object.getPrototypeOf(result.shapes)).toBe(Object.prototype);
    expect(Object.hasOwn(result.shapes, '__proto__')).toBe(true);
    expect(result.ok && result.plan.evaluation.targetDomain).toBe('__proto__');
  });
});
