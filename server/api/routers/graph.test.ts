import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { limits } from '../../../formats/limits';
import { getTemplate } from '../../../templates/index';
import { createCallerFactory, createTRPCContext, createTRPCRouter } from '../trpc';
import { createGraphRouter, graphRouter } from './graph';
import { nodesRouter } from './nodes';

const router = createTRPCRouter({ nodes: nodesRouter, graph: graphRouter });
const caller = createCallerFactory(router)(createTRPCContext());
const ddc = () => structuredClone(getTemplate('ddc')!.document);

describe('graph router', () => {
  it('compiles a template into a plan', async () => {
    const result = await caller.graph.compile({ document: ddc() });
    expect(result.ok).toBe(true);
    expect(result.errors).toEqual([]);
    if (result.ok) expect(result.plan.objective).toBe('ℓ = ℓ_c(source) + 2·MMD²(features)');
  });
  it('returns graph errors as data, not as a server error', async () => {
    const doc = ddc();
    doc.nodes[5]!.params.epochs = -1;
    const result = await caller.graph.validate({ document: doc });
    expect(result.ok).toBe(false);
    expect(result.errors).toContainEqual(expect.objectContaining({ code: 'invalidParam', nodeId: 'trainer', field: 'epochs' }));
  });
  it('answers malformed documents with errors as data', async () => {
    for (const document of [null, 'graph', 42, { format: 'stepstone.graph', version: 1 }, [1, 2]]) {
      const result = await caller.graph.compile({ document });
      expect(result.ok).toBe(false);
      expect(result.errors[0]?.code).toBe('schema');
    }
  });
  it('rejects an oversized document with a clean BAD_REQUEST naming the limit', async () => {
    const doc = { ...ddc(), description: 'x'.repeat(limits.maxGraphBytes) };
    const error = await caller.graph.compile({ document: doc }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    expect((error as TRPCError).message).toMatch(/limit is 2000000 bytes/);
  });
  it('rejects a request without the document wrapper as BAD_REQUEST', async () => {
    const error = await caller.graph.validate('nope' as never).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });
  it('looks up the uploads a graph names, through the injected lookup', async () => {
    const asked: string[][] = [];
    const withUploads = createTRPCRouter({
      graph: createGraphRouter({
        uploads: async (_ctx, ids) => {
          asked.push(ids);
          return { mine: { width: 2, classes: 2, labelled: true, imageShape: null, rows: 300 } };
        },
      }),
    });
    const doc = ddc();
    doc.nodes[1]!.params = { dataset: 'upload:mine' };
    const result = await createCallerFactory(withUploads)(createTRPCContext()).graph.compile({ document: doc });
    expect(asked).toEqual([['mine']]);
    expect(result.ok).toBe(true);
  });
  it('turns a failing upload lookup into an error answer', async () => {
    const failing = createTRPCRouter({ graph: createGraphRouter({ uploads: () => Promise.reject(new Error('db down')) }) });
    const doc = ddc();
    doc.nodes[1]!.params = { dataset: 'upload:mine' };
    const result = await createCallerFactory(failing)(createTRPCContext()).graph.validate({ document: doc });
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'uploadsUnavailable' }] });
  });
});
