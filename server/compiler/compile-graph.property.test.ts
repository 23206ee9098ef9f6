import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../formats/graph-document';
import { trainingPlanSchema } from '../../formats/training-plan';
import { nodeTypes } from '../../nodes/registry';
import { templates } from '../../templates/index';
import { compileGraph, type CompileResult } from './compile-graph';

/** The contract under fuzzing: an answer, never an exception; a valid plan or at least one error. */
function checkAnswer(input: unknown): boolean {
  let result: CompileResult | undefined;
  expect(() => (result = compileGraph(input))).not.toThrow();
  if (!result) return false;
  if (result.ok) expect(() => trainingPlanSchema.parse(result!.ok ? result!.plan : null)).not.toThrow();
  else {
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.map((e) => e.code)).not.toContain('internal');
  }
  expect(JSON.parse(JSON.stringify(result))).toBeTruthy();
  return result.ok;
}

const ports = ['data', 'domains', 'unlabelled', 'features', 'model', 'losses', 'weights', 'trained', 'loss', 'report', 'source', 'target', 'nope'];
const garbage = fc.oneof(fc.anything(), fc.integer({ min: -1e9, max: 1e9 }), fc.double(), fc.string({ maxLength: 30 }), fc.array(fc.double(), { maxLength: 5 }));

type Mutation = (doc: GraphDocument, pick: (n: number) => number) => void;

const mutations = fc.array(
  fc.oneof(
    fc.constant<Mutation>((doc, pick) => void doc.edges.splice(pick(doc.edges.length), 1)),
    fc.constant<Mutation>((doc, pick) => void doc.nodes.splice(pick(doc.nodes.length), 1)),
    fc.constant<Mutation>((doc, pick) => {
      const edge = doc.edges[pick(doc.edges.length)];
      const node = doc.nodes[pick(doc.nodes.length)];
      if (edge && node) Object.assign(edge, pick(2) ? { target: node.id, targetPort: ports[pick(ports.length)] } : { source: node.id, sourcePort: ports[pick(ports.length)] });
    }),
    fc.constant<Mutation>((doc, pick) => {
      const [a, b] = [doc.nodes[pick(doc.nodes.length)], doc.nodes[pick(doc.nodes.length)]];
      if (a && b) doc.edges.push({ id: `x${doc.edges.length}-${pick(1000)}`, source: a.id, sourcePort: ports[pick(ports.length)]!, target: b.id, targetPort: ports[pick(ports.length)]! });
    }),
    fc.constant<Mutation>((doc, pick) => {
      const node = doc.nodes[pick(doc.nodes.length)];
      if (node) node.type = nodeTypes[pick(nodeTypes.length)]!;
    }),
    fc.constant<Mutation>((doc, pick) => {
      const node = doc.nodes[pick(doc.nodes.length)];
      if (node) doc.nodes.push({ ...structuredClone(node), id: pick(2) ? node.id : `${node.id}-copy` });
    }),
    fc.constant<Mutation>((doc, pick) => {
      const node = doc.nodes[pick(doc.nodes.length)];
      if (node) node.typeVersion = pick(4);
    }),
    garbage.map<Mutation>((value) => (doc, pick) => {
      const params = doc.nodes[pick(doc.nodes.length)]?.params as unknown;
      if (typeof params !== 'object' || params === null) return; // an earlier step replaced it with garbage
      const keys = Object.keys(params);
      (params as Record<string, unknown>)[keys[pick(keys.length + 1)] ?? 'extra'] = value;
    }),
    garbage.map<Mutation>((value) => (doc, pick) => {
      const node = doc.nodes[pick(doc.nodes.length)] as unknown as Record<string, unknown> | undefined;
      const field = ['id', 'type', 'params', 'position', 'label', 'typeVersion'][pick(6)]!;
      if (node) node[field] = value;
    }),
  ),
  { minLength: 1, maxLength: 6 },
);

describe('compileGraph under fuzzing', () => {
  it('answers mutated templates with a valid plan or a non-empty error list', () => {
    let plans = 0;
    fc.assert(
      fc.property(fc.constantFrom(...templates), mutations, fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (template, steps, choices) => {
        const doc = structuredClone(template.document);
        let k = 0;
        const pick = (n: number) => (n <= 0 ? 0 : choices[k++ % choices.length]! % n);
        for (const step of steps) step(doc, pick);
        if (checkAnswer(doc)) plans++;
      }),
      { numRuns: 2000 },
    );
    // Some mutations are harmless (a dropped evaluate edge, a valid param): the plan path is exercised too.
    expect(plans).toBeGreaterThan(20);
  });

  it('answers arbitrary JSON values', () => {
    fc.assert(fc.property(fc.anything({ maxDepth: 4 }), (v) => void checkAnswer(v)), { numRuns: 1000 });
  });

  it('answers random graphs built from real kinds and ports', () => {
    const node = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
      type: fc.constantFrom(...nodeTypes),
      typeVersion: fc.constantFrom(1, 2),
      params: fc.dictionary(fc.constantFrom('dataset', 'options', 'hidden', 'labelledCount', 'lambda', 'epochs', 'order', 'unseenClasses', 'k', 'frozen'), garbage, { maxKeys: 3 }),
    });
    const edge = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }).map((s) => `e${s.replace(/[^A-Za-z0-9]/g, '')}`),
      source: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
      sourcePort: fc.constantFrom(...ports),
      target: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
      targetPort: fc.constantFrom(...ports),
    });
    fc.assert(
      fc.property(fc.array(node, { maxLength: 12 }), fc.array(edge, { maxLength: 20 }), (nodes, edges) => {
        checkAnswer({ format: 'stepstone.graph', version: 1, name: 'random', nodes, edges });
      }),
      { numRuns: 2000 },
    );
  });
});
