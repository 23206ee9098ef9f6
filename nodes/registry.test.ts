import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { NodeDefinition } from './core/define-node';
import { portTypes } from './core/port-types';
import { defaultParams, getNodeDefinition, isNodeType, nodeCatalogJson, nodeRegistry, nodeTypes } from './registry';

type Prop = { type?: string; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number; enum?: unknown[]; minItems?: number; maxItems?: number; items?: Prop };

/** Values just outside each bound a param's schema declares (from its JSON Schema), one per bound. */
function outOfBounds(p: Prop): unknown[] {
  const out: unknown[] = [];
  if (p.type === 'number' || p.type === 'integer') {
    if (p.minimum !== undefined) out.push(p.minimum - 1);
    if (p.exclusiveMinimum !== undefined) out.push(p.exclusiveMinimum);
    if (p.maximum !== undefined) out.push(p.maximum + 1);
    if (p.exclusiveMaximum !== undefined) out.push(p.exclusiveMaximum);
    if (p.type === 'integer') out.push(0.5 + (p.minimum ?? 0));
  }
  if (p.enum) out.push('not-an-option');
  if (p.type === 'array') {
    if (p.minItems !== undefined && p.minItems > 0) out.push([]);
    if (p.maxItems !== undefined) out.push(Array.from({ length: p.maxItems + 1 }, () => (p.items?.enum?.[0] ?? p.items?.minimum ?? p.items?.exclusiveMinimum ?? 1)));
  }
  return out;
}

describe('every node kind, from the registry', () => {
  it.each(nodeTypes)('%s: defaults parse, and parsing them again changes nothing', (type) => {
    const defaults = defaultParams(type);
    expect(nodeRegistry[type].params.parse(defaults)).toEqual(defaults);
  });

  it.each(nodeTypes)('%s: each declared bound rejects a value just outside it, at its own field', (type) => {
    const schema = z.toJSONSchema(nodeRegistry[type].params, { io: 'input' }) as { properties?: Record<string, Prop> };
    let checked = 0;
    for (const [key, prop] of Object.entries(schema.properties ?? {})) {
      for (const bad of outOfBounds(prop)) {
        const result = nodeRegistry[type].params.safeParse({ ...defaultParams(type), [key]: bad });
        expect(result.success, `${type}.${key} = ${JSON.stringify(bad)}`).toBe(false);
        expect(result.error?.issues.map((i) => i.path[0]), `${type}.${key}`).toContain(key);
        checked++;
      }
    }
    // Kinds without bounded params would make this vacuous; say which ones have none.
    if (checked === 0) expect(['exportModel']).toContain(type);
  });

  it.each(nodeTypes.filter((t) => (nodeRegistry[t] as NodeDefinition).version > 1))('%s: migrate lifts the oldest params to valid ones and leaves current params alone', (type) => {
    const def = nodeRegistry[type] as NodeDefinition;
    expect(def.migrate, `${type} is at version ${def.version} but has no migrate`).toBeDefined();
    expect(def.params.safeParse(def.migrate!({}, 1)).success).toBe(true);
    const current = defaultParams(type) as Record<string, unknown>;
    expect(def.migrate!(current, def.version)).toEqual(current);
  });

  it.each(nodeTypes)('%s: explains itself (summary, when it helps and when it hurts are distinct texts)', (type) => {
    const { docs } = nodeRegistry[type] as NodeDefinition;
    const texts = [docs.summary, docs.whenItHelps, docs.whenItHurts].map((t) => t.trim());
    expect(texts.every((t) => t.length > 0)).toBe(true);
    expect(new Set(texts).size).toBe(3);
  });
});

describe('node registry', () => {
  it('keys each definition by its own type', () => {
    for (const [key, def] of Object.entries(nodeRegistry)) expect(def.type).toBe(key);
    expect(nodeTypes).toHaveLength(20);
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
    expect(parsed.find((e) => e.type === 'mmdAdaptation')?.version).toBe(4);
    expect(parsed.every((e) => e.docs.summary.length > 0)).toBe(true);
  });
});
