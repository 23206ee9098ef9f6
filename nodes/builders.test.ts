import { describe, expect, it } from 'vitest';
import { nodeBuilders } from './builders';
import { nodeTypes } from './registry';

describe('nodeBuilders', () => {
  it('has a builder for every registered node kind, under its own type', () => {
    expect(Object.keys(nodeBuilders).sort()).toEqual([...nodeTypes].sort());
    for (const [type, b] of Object.entries(nodeBuilders)) expect(b.type).toBe(type);
  });

  it('each builder provides the function its role needs', () => {
    const needs = { data: 'loadDomain', extractor: 'extractorSpec', head: 'headSpecs', stage: 'runStage', loss: 'buildLoss', evaluation: 'evaluate', export: 'exportModel' } as const;
    for (const b of Object.values(nodeBuilders)) expect(typeof (b as Record<string, unknown>)[needs[b.role]]).toBe('function');
  });
});
