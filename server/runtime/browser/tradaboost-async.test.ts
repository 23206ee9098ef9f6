import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../compiler/compile-graph';
import { selectBackend } from '../backend/select-backend';
import { shrinkPlan } from '../test-support/shrink-plan';
import { runInBrowser } from './run-in-browser';

beforeAll(async () => {
  await selectBackend('wasm');
});

const proto = tf.Tensor.prototype as unknown as Record<'dataSync' | 'arraySync' | 'bufferSync', (...a: unknown[]) => unknown>;
const originals = { dataSync: proto.dataSync, arraySync: proto.arraySync, bufferSync: proto.bufferSync };
afterEach(() => Object.assign(proto, originals));

/**
 * WebGPU in Node and in some browsers has no synchronous read (tfjs-backend-webgpu needs an OffscreenCanvas for
 * one). Here every synchronous host read of a tensor throws, as it does there, and the TrAdaBoost template still
 * trains to the end through the browser run on WASM — so every read on its path is `await tensor.data()`.
 */
describe('TrAdaBoost reads tensors asynchronously', () => {
  it('runs the TrAdaBoost template in runInBrowser with synchronous reads refused', async () => {
    const compiled = compileGraph(JSON.parse(readFileSync(new URL('../../../templates/tradaboost.json', import.meta.url), 'utf8')));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const plan = shrinkPlan(compiled.plan);
    const syncReads: string[] = [];
    for (const name of Object.keys(originals) as (keyof typeof originals)[]) {
      proto[name] = function refused(this: tf.Tensor) {
        syncReads.push(`${name} ${new Error().stack?.split('\n')[2]?.trim() ?? ''}`);
        throw new Error(`synchronous read (${name}) refused, as on WebGPU`);
      };
    }
    const events: string[] = [];
    const result = await runInBrowser(plan, { backend: { name: 'browser-wasm', notes: [] }, onEvent: (e) => events.push(e.type) });
    expect(syncReads).toEqual([]);
    expect(events.at(-1)).toBe('final');
    expect(plan.stages.some((s) => s.kind === 'boosting')).toBe(true);
    const target = plan.domains.find((d) => d.nodeId === plan.evaluation.targetDomain)!;
    expect(result.models.method.splits.test!.accuracy.mean).toBeGreaterThan(1 / target.classes + 0.05);
  }, 180_000);
});
