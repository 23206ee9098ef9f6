import { describe, expect, it } from 'vitest';
import { portTypes } from './core/port-types';
import { defaultParams, getNodeDefinition, isNodeType, nodeCatalogJson, nodeRegistry, nodeTypes } from './registry';

describe('node registry', () => {
  it('keys each definition by its own type', () => {
    for (const [key, def] of Object.entries(nodeRegistry)) expect(def.type).toBe(key);
    expect(nodeTypes).toHaveLength(19);
  });
  it('recognises node types and rejects others, including prototype keys', () => {
    expect(isNodeType('trainer')).toBe(true);
    expect(isNodeType('toString')).toBe(false);
    expect(isNodeType('__proto__')).toBe(false);
    expect(getNodeDefinition('nope')).toBeUndefined();
    expect(getNodeDefinition('evaluate')?.category).toBe('evaluation');
  });
  it('gives defaults that satisfy each schema', () => {
    for (const type of nodeTypes) expect(nodeRegistry[type].params.safeParse(defaultParams(type)).success).toBe(true);
    expect(defaultParams('mmdAdaptation').lambda).toBe(8);
  });
  it('uses only declared port types and unique port names', () => {
    for (const def of Object.values(nodeRegistry)) {
      const ports = [...def.inputs, ...def.outputs];
      for (const p of ports) expect(Object.keys(portTypes)).toContain(p.type);
      expect(new Set(def.inputs.map((p) => p.name)).size).toBe(def.inputs.length);
    }
  });
  it('publishes a JSON catalog with JSON Schema params, bounds and descriptions', () => {
    const catalog = nodeCatalogJson();
    const parsed = JSON.parse(JSON.stringify(catalog)) as typeof catalog;
    const trainer = parsed.find((e) => e.type === 'trainer');
    const lr = (trainer?.paramsSchema.properties as Record<string, { exclusiveMinimum?: number; maximum?: number; description?: string }>).learningRate;
    expect(lr?.maximum).toBe(10);
    expect(lr?.exclusiveMinimum).toBe(0);
    expect(lr?.description).toMatch(/learning rate/i);
    expect(parsed.find((e) => e.type === 'mmdAdaptation')?.version).toBe(3);
    expect(parsed.every((e) => e.docs.summary.length > 0)).toBe(true);
  });
});
