import { describe, expect, it } from 'vitest';
import { migrateGraph } from '../../formats/migrate-graph';
import { templateDoc } from '../../server/compiler/test-support';
import { pretrainedExtractorNode } from './pretrained-extractor';

describe('pretrainedExtractor node', () => {
  it('fills every default from an empty object', () => {
    expect(pretrainedExtractorNode.params.parse({})).toMatchObject({ source: 'artifact', artifact: 'my-model', featureWidth: 64, model: '', featureLayer: '', freeze: 'all', trainFrom: '' });
  });
  it.each([
    [{ artifact: '../etc/passwd' }, 'artifact'],
    [{ featureWidth: 0 }, 'featureWidth'],
    [{ model: 'https://example.com/model.json' }, 'model'],
    [{ model: 'upload:../x' }, 'model'],
    [{ featureLayer: 'a"b' }, 'featureLayer'],
    [{ freeze: true }, 'freeze'],
  ])('rejects %j at its field', (input, field) => {
    const result = pretrainedExtractorNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(pretrainedExtractorNode.category).toBe('model');
    expect(pretrainedExtractorNode.taxonomy).toBe('parameter-based');
  });
  it('migrates version 1 params: freeze true/false/absent → all/none/all, source artifact', () => {
    const migrate = pretrainedExtractorNode.migrate!;
    expect(migrate({ artifact: 'm', featureWidth: 32, freeze: false }, 1)).toEqual({ artifact: 'm', featureWidth: 32, source: 'artifact', freeze: 'none' });
    expect(migrate({ artifact: 'm', freeze: true }, 1)).toEqual({ artifact: 'm', source: 'artifact', freeze: 'all' });
    expect(migrate({}, 1)).toEqual({ source: 'artifact', freeze: 'all' });
    expect(migrate({ source: 'upload', freeze: 'from' }, 2)).toEqual({ source: 'upload', freeze: 'from' });
  });
  it('a saved version-1 graph opens with the node migrated and valid', () => {
    const doc = templateDoc('fine-tune');
    const ex = doc.nodes.find((n) => n.id === 'extractor')!;
    Object.assign(ex, { type: 'pretrainedExtractor', typeVersion: 1, params: { artifact: 'old-model', featureWidth: 32, freeze: false } });
    const migrated = migrateGraph(doc);
    if (!migrated.ok) throw new Error(JSON.stringify(migrated.errors));
    const node = migrated.document.nodes.find((n) => n.id === 'extractor')!;
    expect(node.typeVersion).toBe(2);
    expect(pretrainedExtractorNode.params.parse(node.params)).toMatchObject({ source: 'artifact', artifact: 'old-model', featureWidth: 32, freeze: 'none' });
    expect(migrated.migratedNodes).toContain('extractor');
  });
});
