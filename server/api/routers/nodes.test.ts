import { describe, expect, it } from 'vitest';
import { createCallerFactory, createTRPCContext, createTRPCRouter } from '../trpc';
import { nodesRouter } from './nodes';

describe('nodes router', () => {
  it('lists every node kind with params schema, ports and docs', async () => {
    const caller = createCallerFactory(createTRPCRouter({ nodes: nodesRouter }))(createTRPCContext({ access: 'readOnly' }));
    const list = await caller.nodes.list();
    expect(list).toHaveLength(20);
    const mmd = list.find((n) => n.type === 'mmdAdaptation');
    expect(mmd).toMatchObject({ category: 'adaptation', taxonomy: 'feature-based', version: 4, outputs: [{ name: 'loss', type: 'loss' }] });
    expect(Object.keys(mmd!.paramsSchema.properties as object)).toEqual(['variant', 'layers', 'kernel', 'lambda', 'estimator', 'alphas']);
    expect(list.find((n) => n.type === 'trainer')?.defaults).toMatchObject({ optimizer: 'adam', learningRate: 0.02, schedule: 'auto' });
  });
});
