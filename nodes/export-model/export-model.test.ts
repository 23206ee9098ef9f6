import { describe, expect, it } from 'vitest';
import { exportModelNode } from './export-model';

describe('exportModel node', () => {
  it('fills every default from an empty object', () => {
    expect(exportModelNode.params.parse({})).toMatchObject({ name: 'my-model' });
  });
  it.each([
    [{ name: '../x' }, 'name'],
    [{ name: '.hidden' }, 'name'],
  ])('rejects %j at its field', (input, field) => {
    const result = exportModelNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(exportModelNode.category).toBe('evaluation');
    expect(exportModelNode.taxonomy).toBe(undefined);
  });
});
