import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkDatasetOption, checkField, datasetOptionFields, fieldsFromSchema, formatParam, humanize, parseNumberList, type FieldSpec } from './param-fields';

const schema = z.toJSONSchema(
  z.object({
    lambda: z.number().min(0).max(100).default(0.5).describe('λ'),
    learningRate: z.number().positive().max(10).default(0.001),
    epochs: z.number().int().min(1).max(10_000).default(100),
    variant: z.enum(['ddc', 'dan']).default('ddc'),
    freeze: z.boolean().default(true),
    artifact: z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/).default('m'),
    attributes: z.string().max(20_000).default('a\nb'),
    hidden: z.array(z.number().int().min(1).max(4096)).min(1).max(8).default([10, 10]),
    metrics: z.array(z.enum(['accuracy', 'macroF1', 'loss'])).min(1).max(3).default(['accuracy']),
    options: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
  }),
  { io: 'input' },
) as Record<string, unknown>;

const fields = fieldsFromSchema(schema);
const field = (key: string): FieldSpec => {
  const f = fields.find((x) => x.key === key);
  if (!f) throw new Error(`no field ${key}`);
  return f;
};

describe('fieldsFromSchema', () => {
  it('derives one widget per param with bounds, options and defaults', () => {
    expect(fields.map((f) => [f.key, f.kind])).toEqual([
      ['lambda', 'number'],
      ['learningRate', 'number'],
      ['epochs', 'number'],
      ['variant', 'enum'],
      ['freeze', 'boolean'],
      ['artifact', 'text'],
      ['attributes', 'text'],
      ['hidden', 'numberList'],
      ['metrics', 'enumList'],
      ['options', 'datasetOptions'],
    ]);
    expect(field('lambda')).toMatchObject({ min: 0, max: 100, integer: false, default: 0.5, description: 'λ', label: 'Lambda' });
    expect(field('learningRate')).toMatchObject({ exclusiveMin: 0, max: 10, label: 'Learning rate' });
    expect(field('epochs')).toMatchObject({ integer: true, min: 1, max: 10000 });
    expect(field('variant')).toMatchObject({ options: ['ddc', 'dan'] });
    expect(field('attributes')).toMatchObject({ multiline: true });
    expect(field('artifact')).toMatchObject({ multiline: false, minLength: 1 });
    expect(field('hidden')).toMatchObject({ integer: true, min: 1, max: 4096, minItems: 1, maxItems: 8 });
    expect(field('metrics')).toMatchObject({ options: ['accuracy', 'macroF1', 'loss'], minItems: 1, maxItems: 3 });
  });
});

describe('checkField', () => {
  it('reports out-of-bounds numbers with the bound', () => {
    expect(checkField(field('lambda'), 150)).toBe('Must be at most 100.');
    expect(checkField(field('lambda'), -1)).toBe('Must be at least 0.');
    expect(checkField(field('lambda'), 3)).toBeNull();
    expect(checkField(field('learningRate'), 0)).toBe('Must be greater than 0.');
    expect(checkField(field('epochs'), 2.5)).toBe('Must be a whole number.');
    expect(checkField(field('epochs'), Number.NaN)).toBe('Enter a number.');
    expect(checkField(field('epochs'), '3')).toBe('Enter a number.');
    expect(checkField(field('epochs'), undefined)).toBeNull();
  });

  it('checks enums, booleans and text', () => {
    expect(checkField(field('variant'), 'dan')).toBeNull();
    expect(checkField(field('variant'), 'xyz')).toBe('Choose one of ddc, dan.');
    expect(checkField(field('freeze'), 'yes')).toBe('Must be on or off.');
    expect(checkField(field('artifact'), '')).toBe('Required.');
    expect(checkField(field('artifact'), 'bad name!')).toBe('Contains characters that are not allowed.');
    expect(checkField(field('artifact'), 'good-name.v2')).toBeNull();
  });

  it('checks lists item by item and by length', () => {
    expect(checkField(field('hidden'), [])).toBe('Needs at least 1 value.');
    expect(checkField(field('hidden'), [1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe('At most 8 values.');
    expect(checkField(field('hidden'), [32, 0])).toBe('Value 2: must be at least 1.');
    expect(checkField(field('hidden'), [32, 16])).toBeNull();
    expect(checkField(field('metrics'), [])).toBe('Choose at least 1.');
    expect(checkField(field('metrics'), ['accuracy', 'bogus'])).toBe('Choose from accuracy, macroF1, loss.');
  });
});

describe('helpers', () => {
  it('parses number lists and names the bad part', () => {
    expect(parseNumberList('32, 16 8')).toEqual({ ok: true, value: [32, 16, 8] });
    expect(parseNumberList('')).toEqual({ ok: true, value: [] });
    expect(parseNumberList('32, x')).toEqual({ ok: false, error: '"x" is not a number.' });
  });

  it('humanizes keys', () => {
    expect(humanize('labelledCount')).toBe('Labelled count');
    expect(humanize('lambda_max')).toBe('Lambda max');
  });

  it('lists a built-in data set’s options and checks them against the catalog bounds', () => {
    const moons = datasetOptionFields('two-moons');
    expect(moons.map((o) => o.key)).toEqual(['samples', 'rotation', 'noise', 'seed']);
    const samples = moons.find((o) => o.key === 'samples')!.option;
    expect(checkDatasetOption(samples, 5)).toBe('Must be at least 10.');
    expect(checkDatasetOption(samples, 10.5)).toBe('Must be a whole number.');
    expect(checkDatasetOption(samples, 200)).toBeNull();
    expect(datasetOptionFields('upload:abc')).toEqual([]);
    expect(datasetOptionFields('__proto__')).toEqual([]);
  });

  it('formats params briefly for node cards', () => {
    expect(formatParam([32, 16])).toBe('[32, 16]');
    expect(formatParam(0.000123456)).toBe('0.0001235');
    expect(formatParam(true)).toBe('yes');
    expect(formatParam({ samples: 100, rotation: 30 })).toBe('samples=100 rotation=30');
    expect(formatParam('a'.repeat(40))).toHaveLength(23);
  });
});
