import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../formats/run-events';
import { runPlan } from '../run-plan';
import { shrinkPlan } from '../test-support/shrink-plan';
import { useSwiftShader } from '../test-support/swiftshader';
import { templatePlan } from '../test-support/template-steps';

describe('a whole run on webgpu in Node', () => {
  // SwiftShader compiles every new shader on the CPU: a few epochs of the smallest template take ~30 s.
  it('trains the DDC template through runPlan, reads only asynchronously, and records backend and adapter', async () => {
    useSwiftShader();
    const plan = shrinkPlan(templatePlan('ddc'));
    for (const s of plan.stages) s.epochs = 4;
    plan.evaluation.domainDistances = [];
    const events: RunEvent[] = [];
    const result = await runPlan(plan, { backend: 'webgpu', onEvent: (e) => events.push(e) });
    expect(result.backend).toBe('webgpu');
    expect(result.adapter).toMatch(/SwiftShader/);
    const started = events.find((e) => e.type === 'started');
    expect(started).toMatchObject({ backend: 'webgpu', adapter: expect.stringMatching(/SwiftShader/) });
    expect(started?.type === 'started' && started.backendNotes?.some((n) => n.startsWith('StepstoneAdamUpdate'))).toBe(true);
    expect(events.some((e) => e.type === 'boundary')).toBe(true);
    expect(result.models.method.splits.test!.accuracy.mean).toBeGreaterThan(0);
  }, 600_000);
});
