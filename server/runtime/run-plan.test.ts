import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epochAccuracyKeys, type RunEvent } from '../../formats/run-events';
import type { TrainingPlan } from '../../formats/training-plan';
import { selectBackend } from './backend/select-backend';
import { decodeCheckpoint } from './checkpoint-codec';
import { loadExportedModel } from './node/load-exported-model';
import { runPlan } from './run-plan';
import { dannLoss, moonsPlan } from './test-support/moons-plan';

let artifactDir = '';
beforeAll(async () => {
  await selectBackend('wasm');
  artifactDir = await mkdtemp(path.join(tmpdir(), 'stepstone-run-'));
});
afterAll(async () => {
  await rm(artifactDir, { recursive: true, force: true });
});

/** The weights a checkpoint holds for one unit (model × seed) still training. */
function positionWeights(data: Uint8Array, key: string) {
  const position = decodeCheckpoint(data)!.positions.get(key);
  if (!position) throw new Error(`no position for ${key} in the checkpoint`);
  return position.weights;
}

function collect(): { events: RunEvent[]; onEvent: (e: RunEvent) => void } {
  const events: RunEvent[] = [];
  return { events, onEvent: (e) => events.push(e) };
}

describe('runPlan', () => {
  it('emits started, distances, stages, epochs, projection and final with baselines and gain', async () => {
    const { events, onEvent } = collect();
    const result = await runPlan(moonsPlan({ losses: [dannLoss], epochs: 10 }), { backend: 'wasm', onEvent });
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('started');
    expect(types[1]).toBe('domainDistances');
    expect(types.at(-1)).toBe('final');
    expect(types).toContain('projection');
    const started = events[0] as Extract<RunEvent, { type: 'started' }>;
    expect(started.backend).toBe('wasm');
    // 15 % of the source is its validation split: 85 labelled rows train.
    expect(started.domains.map((d) => [d.nodeId, d.labelled])).toEqual([['src', 85], ['tgt', 0]]);
    const epochs = events.filter((e): e is Extract<RunEvent, { type: 'epoch' }> => e.type === 'epoch' && e.track === 'method');
    expect(epochs).toHaveLength(10);
    expect(epochs[0]!.metrics).toHaveProperty('domain');
    expect(epochs[9]!.metrics.lambda).toBeGreaterThan(epochs[0]!.metrics.lambda!);
    expect(epochs[9]!.metrics.lr).toBeLessThan(0.01);
    // Live curves: validation splits only, never the test split (no test curve was asked for).
    expect(epochs[0]!.metrics).toHaveProperty(epochAccuracyKeys.sourceValidation);
    expect(epochs.every((e) => !(epochAccuracyKeys.test in e.metrics))).toBe(true);
    const models = events.filter((e) => e.type === 'model');
    expect(models.map((e) => e.track).sort()).toEqual(['method', 'sourceOnly']);
    const so = result.models.sourceOnly!;
    const me = result.models.method;
    expect(result.gain!.baseline).toBe('sourceOnly');
    expect(result.gain!.mean).toBeCloseTo(me.splits.test!.accuracy.mean - so.splits.test!.accuracy.mean, 10);
    expect(result.gain!.ci95).toBeNull();
    expect(result.verdict).toBe('single-seed');
    expect(me.splits.sourceValidation!.accuracy.perSeed).toHaveLength(1);
    expect(result.distances.inputs[0]!.mmd).toBeGreaterThan(0);
    expect(me.featureDistance?.proxyA).toBeDefined();
    expect(so.featureDistance?.mmd).toBeDefined();
    // Budgets are matched in optimiser steps.
    expect(so.steps).toBe(me.steps);
    expect(events.some((e) => e.type === 'boundary' && e.track === 'sourceOnly')).toBe(true);
    expect(events.some((e) => e.type === 'boundary' && e.track === 'method')).toBe(true);
  });

  it('repeats over seeds: each model per seed, paired gain with a t-interval and a verdict that follows it', async () => {
    const plan = moonsPlan({ losses: [dannLoss], epochs: 6, seed: 4 });
    plan.evaluation.repeats = 3;
    plan.evaluation.domainDistances = [];
    const { events, onEvent } = collect();
    const r = await runPlan(plan, { backend: 'wasm', onEvent });
    expect(r.seeds).toEqual([4, 5, 6]);
    const perSeed = (t: string) => events.filter((e): e is Extract<RunEvent, { type: 'model' }> => e.type === 'model' && e.track === t).sort((a, b) => a.seed - b.seed);
    const m = perSeed('method').map((e) => e.scores.test!.accuracy);
    const b = perSeed('sourceOnly').map((e) => e.scores.test!.accuracy);
    expect(r.models.method.splits.test!.accuracy.perSeed).toEqual(m);
    expect(r.gain!.perSeed).toEqual(m.map((v, i) => v - b[i]!));
    const [lo, hi] = r.gain!.ci95!;
    expect(lo).toBeLessThanOrEqual(r.gain!.mean);
    expect(hi).toBeGreaterThanOrEqual(r.gain!.mean);
    expect(r.verdict).toBe(lo > 0 ? 'positive' : hi < 0 ? 'negative' : 'inconclusive');
    // Seeds change the split: the first-seed and second-seed models saw different target test rows.
    expect(new Set(m).size + new Set(b).size).toBeGreaterThan(2);
  });

  it('is deterministic: same seed and backend give identical metrics', async () => {
    const plan = moonsPlan({ losses: [dannLoss], epochs: 8, seed: 5 });
    const a = await runPlan(plan, { backend: 'wasm', onEvent: () => {} });
    const b = await runPlan(plan, { backend: 'wasm', onEvent: () => {} });
    expect(b.models).toEqual(a.models);
    expect(b.distances).toEqual(a.distances);
  });

  it('does not leak tensors: the count after epoch 2 equals the count after epoch 20', async () => {
    const counts = new Map<number, number>();
    const before = tf.memory().numTensors;
    await runPlan(moonsPlan({ losses: [dannLoss], epochs: 20 }), {
      backend: 'wasm',
      onEvent: (e) => {
        if (e.type === 'epoch' && e.track === 'method') counts.set(e.epoch, tf.memory().numTensors);
      },
    });
    expect(counts.get(2)).toBeDefined();
    expect(counts.get(20)).toBe(counts.get(2));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('cancels within a batch: AbortError, every tensor freed', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = runPlan(moonsPlan({ losses: [dannLoss], epochs: 50 }), {
      backend: 'wasm',
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'epoch' && e.track === 'method' && e.epoch === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a cancel from outside (a timer, an IPC message) lands mid-epoch, not at its end', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const epochs: number[] = [];
    // One long epoch: 4,000 samples in batches of 4 → 1,000 steps. The abort can only be seen if the
    // training loop gives the event loop a turn between batches.
    const run = runPlan(moonsPlan({ epochs: 1, samples: 4000, batchSize: 4 }), {
      backend: 'wasm',
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'stage' && e.track === 'method') setTimeout(() => controller.abort(), 100);
        if (e.type === 'epoch') epochs.push(e.epoch);
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(epochs).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checkpoints at epoch boundaries and resumes from the position', async () => {
    const checkpoints: { track: string; stage: number; epoch: number; data: Uint8Array }[] = [];
    const plan = moonsPlan({ epochs: 6, seed: 3 });
    const full = await runPlan(plan, { backend: 'wasm', onEvent: () => {}, checkpointEveryMs: 0, onCheckpoint: (c) => void checkpoints.push(c) });
    const method = checkpoints.filter((c) => c.track === 'method@3');
    expect(method.map((c) => c.epoch)).toEqual([1, 2, 3, 4, 5, 6, -1]);
    const mid = method.find((c) => c.epoch === 4)!;
    // The method trains first (longest first), so at its epoch 4 no baseline has finished.
    expect(Object.keys(decodeCheckpoint(mid.data)!.completed)).toEqual([]);
    const afterMethod = checkpoints.find((c) => c.track === 'sourceOnly@3' && c.epoch === 2)!;
    expect(Object.keys(decodeCheckpoint(afterMethod.data)!.completed)).toEqual(['method@3']);
    const { events, onEvent } = collect();
    const resumed = await runPlan(plan, { backend: 'wasm', onEvent, resumeFrom: afterMethod });
    const epochs = events.filter((e): e is Extract<RunEvent, { type: 'epoch' }> => e.type === 'epoch');
    // The finished method is not retrained; source-only continues at its epoch 3.
    expect(epochs.map((e) => `${e.track}:${e.epoch}`)).toEqual(['sourceOnly:3', 'sourceOnly:4', 'sourceOnly:5', 'sourceOnly:6']);
    expect(resumed.models.method).toEqual(full.models.method);
    // The stage state (optimiser moments, batch order) is checkpointed too: the resumed baseline equals the full run's.
    // Validator points taken before the checkpoint are not in it (issue 8 left this): the resumed curve is the
    // full run's from the resume on, and every other field is equal.
    const { validatorCurve: resumedCurve, ...resumedRest } = resumed.models.sourceOnly!;
    const { validatorCurve: fullCurve, ...fullRest } = full.models.sourceOnly!;
    expect(resumedRest).toEqual(fullRest);
    expect(resumedCurve!.length).toBeGreaterThan(0);
    expect(resumedCurve).toEqual(fullCurve!.slice(fullCurve!.length - resumedCurve!.length));
  });

  it('exports a TF.js model that loads back and predicts like the trained model', async () => {
    const plan: TrainingPlan = { ...moonsPlan({ epochs: 15, seed: 2 }), export: { nodeId: 'export', name: 'moons model' } };
    const { events, onEvent } = collect();
    const result = await runPlan(plan, { backend: 'wasm', onEvent, artifactDir });
    const artifact = events.find((e): e is Extract<RunEvent, { type: 'artifact' }> => e.type === 'artifact')!;
    expect(artifact.path).toBe(path.join(artifactDir, 'moons-model'));
    expect(result.artifacts).toEqual([{ name: 'moons model', path: artifact.path }]);
    const model = await loadExportedModel(artifact.path);
    const projection = events.find((e) => e.type === 'projection');
    expect(projection).toBeDefined();
    // Same predictions on a grid as the run's own held-out accuracy implies: compare against the target set.
    const { loadDataset } = await import('../datasets/load-dataset');
    const target = await loadDataset(plan.domains[1]!.dataset);
    const x = tf.tensor2d(target.x, [target.n, target.width]);
    const pred = tf.tidy(() => (model.predict(x) as tf.Tensor).argMax(1).dataSync());
    let right = 0;
    for (let i = 0; i < target.n; i++) if (pred[i] === target.y[i]) right++;
    // Held-out accuracy is measured on half the target; the whole target must be close to it.
    expect(Math.abs(right / target.n - result.models.method.splits.test!.accuracy.mean)).toBeLessThan(0.1);
    x.dispose();
    model.dispose();
  });
});

describe('parameter transfer', () => {
  it('fine-tune leaves frozen layers untouched and starts from the previous stage', async () => {
    const plan = moonsPlan({ epochs: 5, seed: 4, targetLabels: { count: 10 } });
    const first = plan.stages[0]!;
    plan.stages.push({
      ...first,
      name: 'fine-tune',
      nodeId: 'ft',
      nodeType: 'fineTune',
      kind: 'fineTune',
      labelledDomains: ['tgt'],
      losses: [{ kind: 'classification', weight: 1, domains: ['tgt'] }],
      frozen: ['extractor/dense_0'],
      init: 'previous',
    });
    const ck: { stage: number; epoch: number; data: Uint8Array; track: string }[] = [];
    await runPlan(plan, { backend: 'wasm', onEvent: () => {}, checkpointEveryMs: 0, onCheckpoint: (c) => void ck.push(c) });
    const method = ck.filter((c) => c.track === 'method@4');
    const at = (stage: number, epoch: number) => positionWeights(method.find((c) => c.stage === stage && c.epoch === epoch)!.data, 'method@4');
    const endOfTrain = at(0, 5);
    const afterFirstFt = at(1, 1);
    const endOfFt = at(1, 5);
    expect(Array.from(endOfFt.get('extractor/dense_0/kernel')!.values)).toEqual(Array.from(endOfTrain.get('extractor/dense_0/kernel')!.values));
    expect(Array.from(endOfFt.get('extractor/dense_0/bias')!.values)).toEqual(Array.from(endOfTrain.get('extractor/dense_0/bias')!.values));
    expect(Array.from(endOfFt.get('extractor/dense_1/kernel')!.values)).not.toEqual(Array.from(endOfTrain.get('extractor/dense_1/kernel')!.values));
    // Initialised from the previous stage: one epoch of fine-tuning moves the unfrozen weights only a little.
    const k0 = endOfTrain.get('head/logits/kernel')!.values;
    const k1 = afterFirstFt.get('head/logits/kernel')!.values;
    const drift = Math.max(...Array.from(k0, (v, i) => Math.abs(v - k1[i]!)));
    expect(drift).toBeLessThan(0.1);
  });

  it('a pretrained extractor loads an exported artifact (TF.js format) and starts from its weights', async () => {
    const source = { ...moonsPlan({ epochs: 10, seed: 6 }), export: { nodeId: 'export', name: 'moons-pretrained' } };
    await runPlan(source, { backend: 'wasm', onEvent: () => {}, artifactDir });
    const exported = await loadExportedModel(path.join(artifactDir, 'moons-pretrained'));
    const artifactKernels = exported.layers.filter((l) => l.getWeights().length === 2).map((l) => Array.from(l.getWeights()[0]!.dataSync()));
    exported.dispose();

    const plan = moonsPlan({ epochs: 2, seed: 7 });
    plan.model.extractor = { ...plan.model.extractor, nodeType: 'pretrainedExtractor', kind: 'pretrained', artifact: 'moons-pretrained' };
    plan.stages[0]!.frozen = ['extractor'];
    const ck: { track: string; stage: number; data: Uint8Array }[] = [];
    await runPlan(plan, { backend: 'wasm', onEvent: () => {}, artifactDir, checkpointEveryMs: 0, onCheckpoint: (c) => void ck.push(c) });
    const weights = positionWeights(ck.filter((c) => c.track === 'method@7' && c.stage >= 0).at(-1)!.data, 'method@7');
    // Frozen and loaded: the extractor still holds the artifact's weights after training.
    expect(Array.from(weights.get('extractor/dense_0/kernel')!.values)).toEqual(artifactKernels[0]);
    expect(Array.from(weights.get('extractor/dense_1/kernel')!.values)).toEqual(artifactKernels[1]);

    const missing = moonsPlan({ epochs: 1 });
    missing.model.extractor = { ...missing.model.extractor, nodeType: 'pretrainedExtractor', kind: 'pretrained', artifact: 'no-such-model' };
    const events: RunEvent[] = [];
    await expect(runPlan(missing, { backend: 'wasm', onEvent: (e) => events.push(e), artifactDir })).rejects.toMatchObject({ name: 'PlanInputError', nodeId: 'mlp', field: 'artifact', message: expect.stringContaining('no-such-model') });
    expect(events).toHaveLength(0);
  });
});

describe('bad input stops before training with a specific error', () => {
  const noTraining = () => {
    const events: RunEvent[] = [];
    return { events, onEvent: (e: RunEvent) => events.push(e) };
  };

  it('names the domain node of a missing data set', async () => {
    const plan = moonsPlan();
    plan.domains[1]!.dataset = { kind: 'builtin', id: 'no-such-set', options: {} };
    const { events, onEvent } = noTraining();
    await expect(runPlan(plan, { backend: 'wasm', onEvent })).rejects.toMatchObject({ name: 'PlanInputError', nodeId: 'tgt', message: expect.stringContaining('no-such-set') });
    expect(events).toHaveLength(0);
  });

  it('names the extractor when domains of different widths share it', async () => {
    const plan = moonsPlan();
    plan.domains[1]!.width = 64;
    plan.domains[1]!.dataset = { kind: 'builtin', id: 'optdigits', options: {} };
    const { events, onEvent } = noTraining();
    await expect(runPlan(plan, { backend: 'wasm', onEvent })).rejects.toMatchObject({ name: 'PlanInputError', nodeId: 'mlp', message: expect.stringContaining('same width') });
    expect(events).toHaveLength(0);
  });

  it('rejects a target too small to hold out a test split', async () => {
    const plan = moonsPlan();
    plan.domains[1]!.dataset = { kind: 'builtin', id: 'two-moons', options: { samples: 10 } };
    plan.domains[1]!.testFraction = 0.01;
    const { events, onEvent } = noTraining();
    await expect(runPlan(plan, { backend: 'wasm', onEvent })).rejects.toMatchObject({ name: 'PlanInputError', nodeId: 'tgt', field: 'testFraction' });
    expect(events).toHaveLength(0);
  });

  it('rejects a stage whose labelled domains have no labels', async () => {
    const plan = moonsPlan();
    plan.stages[0]!.labelledDomains = ['tgt'];
    plan.stages[0]!.losses = [{ kind: 'classification', weight: 1, domains: ['tgt'] }];
    const { events, onEvent } = noTraining();
    await expect(runPlan(plan, { backend: 'wasm', onEvent })).rejects.toMatchObject({ name: 'PlanInputError', nodeId: 'trainer', message: expect.stringContaining('none has labels') });
    expect(events).toHaveLength(0);
  });

  it('rejects a stage that refers to an unknown domain', async () => {
    const plan = moonsPlan();
    plan.stages[0]!.adapt = { from: 'src', to: 'ghost' };
    await expect(runPlan(plan, { backend: 'wasm', onEvent: () => {} })).rejects.toMatchObject({ name: 'PlanInputError', nodeId: 'trainer', message: expect.stringContaining('ghost') });
  });
});
