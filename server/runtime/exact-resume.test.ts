import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../formats/run-result';
import type { PlanStage, TrainingPlan } from '../../formats/training-plan';
import { selectBackend } from './backend/select-backend';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint-codec';
import { runPlan } from './run-plan';
import { dannLoss, moonsPlan } from './test-support/moons-plan';

beforeAll(async () => {
  await selectBackend('wasm');
});

type Checkpoint = { track: string; stage: number; epoch: number; data: Uint8Array };

type Curve = RunResult['models']['method']['validatorCurve'];
/** The method's validator curve of the last run `checkpointed` made. */
let lastCurve: Curve;

/** Runs `plan` (resumed from `from` if given), checkpointing at every report; returns the checkpoints. */
async function checkpointed(plan: TrainingPlan, from?: Checkpoint): Promise<Checkpoint[]> {
  const out: Checkpoint[] = [];
  const result = await runPlan(plan, { backend: 'wasm', parallelism: 1, onEvent: () => {}, checkpointEveryMs: 0, onCheckpoint: (c) => void out.push(c), ...(from ? { resumeFrom: from } : {}) });
  lastCurve = result.models.method.validatorCurve;
  return out;
}

/** The resumed run's validator points are the uninterrupted run's: the ones before the interruption come from the checkpoint. */
function expectSameCurve(resumed: Curve, whole: Curve): void {
  expect(resumed?.map((p) => p.progress)).toEqual(whole?.map((p) => p.progress));
  resumed!.forEach((p, k) => {
    for (const [name, v] of Object.entries(p.scores)) expect(v).toBeCloseTo(whole![k]!.scores[name as keyof typeof p.scores]!, 5);
  });
}

/** The unit's weights at its last position (the last report of its last stage: its final weights). */
function finalWeights(checkpoints: Checkpoint[], key: string): Map<string, Float32Array> {
  const last = checkpoints.filter((c) => c.track === key && c.stage >= 0).at(-1)!;
  const position = decodeCheckpoint(last.data)!.positions.get(key)!;
  return new Map([...position.weights].map(([name, w]) => [name, w.values]));
}

function maxDifference(a: Map<string, Float32Array>, b: Map<string, Float32Array>): number {
  expect([...a.keys()]).toEqual([...b.keys()]);
  let worst = 0;
  for (const [name, values] of a) values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b.get(name)![i]!))));
  return worst;
}

/** Interrupts the method at (stage, epoch), resumes there, and compares the final weights with the whole run's. */
async function resumeMatches(plan: TrainingPlan, stage: number, epoch: number): Promise<number> {
  const key = `method@${plan.seed}`;
  const whole = await checkpointed(plan);
  const wholeCurve = lastCurve;
  const interrupted = whole.find((c) => c.track === key && c.stage === stage && c.epoch === epoch)!;
  expect(interrupted).toBeDefined();
  const resumed = await checkpointed(plan, interrupted);
  expect(wholeCurve!.length).toBeGreaterThan(2);
  expectSameCurve(lastCurve, wholeCurve);
  return maxDifference(finalWeights(resumed, key), finalWeights(whole, key));
}

/** Two moons: train on the source, then conservative training on 20 labelled target rows (μ = 5). */
function conservativePlan(): TrainingPlan {
  const plan = moonsPlan({ epochs: 3, seed: 5, targetLabels: { count: 20 } });
  const conservative: PlanStage = {
    name: 'conservative training',
    nodeId: 'ct',
    nodeType: 'conservativeTraining',
    kind: 'fineTune',
    labelledDomains: ['tgt'],
    adapt: null,
    losses: [
      { kind: 'classification', weight: 1, domains: ['tgt'] },
      { kind: 'conservative', nodeId: 'ct', nodeType: 'conservativeTraining', mu: 5 },
    ],
    optimizer: { kind: 'adam', learningRate: 0.02, schedule: { kind: 'constant' } },
    epochs: 6,
    batchSize: 8,
    frozen: [],
    init: 'previous',
  };
  plan.stages.push(conservative);
  plan.evaluation.domainDistances = [];
  plan.evaluation.featureProjection = 'none';
  return plan;
}

describe('exact resume: an interrupted stage continues as if never interrupted', () => {
  it('DANN (Adam moments, the domain classifier, the batch order, dropout) resumed mid-stage', async () => {
    const plan = moonsPlan({ losses: [dannLoss], epochs: 8, seed: 3, batchSize: 32 });
    plan.model.extractor.layers[0] = { ...plan.model.extractor.layers[0]!, dropout: 0.2 } as (typeof plan.model.extractor.layers)[number];
    plan.evaluation.domainDistances = [];
    plan.evaluation.featureProjection = 'none';
    expect(await resumeMatches(plan, 0, 4)).toBeLessThanOrEqual(1e-6);
  }, 120_000);

  it('conservative training resumed mid-stage keeps the stage-start model as f_old', async () => {
    expect(await resumeMatches(conservativePlan(), 1, 3)).toBeLessThanOrEqual(1e-6);
  }, 120_000);

  it('checkpoints read the stage state asynchronously (WebGPU has no synchronous read)', async () => {
    const proto = tf.Tensor.prototype as unknown as Record<'dataSync' | 'arraySync', (...a: unknown[]) => unknown>;
    const originals = { dataSync: proto.dataSync, arraySync: proto.arraySync };
    const syncReads: string[] = [];
    for (const name of ['dataSync', 'arraySync'] as const) {
      proto[name] = function refused() {
        syncReads.push(`${name} ${new Error().stack?.split('\n')[2]?.trim() ?? ''}`);
        throw new Error(`synchronous read (${name}) refused, as on WebGPU`);
      };
    }
    try {
      const plan = moonsPlan({ losses: [dannLoss], epochs: 2, seed: 1, batchSize: 32 });
      plan.evaluation.domainDistances = [];
      plan.evaluation.featureProjection = 'none';
      const checkpoints = await checkpointed(plan);
      expect(checkpoints.some((c) => decodeCheckpoint(c.data)!.positions.get(`method@${plan.seed}`)?.stageState?.tensors.size)).toBe(true);
    } finally {
      Object.assign(proto, originals);
    }
    expect(syncReads).toEqual([]);
  }, 120_000);

  it('a checkpoint keeps the stage state and validator points through encode and decode; format 2 still loads', () => {
    const tensors = new Map([['optimizer/m', { shape: [3], values: Float32Array.of(1, 2, 3) }]]);
    const weights = new Map([['w', { shape: [1], values: Float32Array.of(4) }]]);
    const validatorCurve = [{ progress: 0.2, scores: { im: 0.5 } }];
    const data = encodeCheckpoint({ completed: {}, positions: new Map([['method@0', { stage: 1, epoch: 2, weights, validatorCurve, stageState: { rng: -12345, adam: { accBeta1: 0.5, accBeta2: 0.25 }, tensors } }]]) });
    const back = decodeCheckpoint(data)!.positions.get('method@0')!;
    expect(back.validatorCurve).toEqual(validatorCurve);
    expect(back.stageState!.rng).toBe(-12345);
    expect(back.stageState!.adam).toEqual({ accBeta1: 0.5, accBeta2: 0.25 });
    expect(Array.from(back.stageState!.tensors.get('optimizer/m')!.values)).toEqual([1, 2, 3]);
    expect(Array.from(back.weights.get('w')!.values)).toEqual([4]);
    // A format-2 checkpoint (weights only) decodes without stage state.
    const header = new TextEncoder().encode(JSON.stringify({ magic: 'stepstone.ckpt.2', completed: {}, positions: [{ key: 'k', stage: 0, epoch: 1, weights: [{ name: 'w', shape: [1], size: 1 }] }] }));
    const pad = (4 - ((4 + header.length) % 4)) % 4;
    const v2 = new Uint8Array(4 + header.length + pad + 4);
    new DataView(v2.buffer).setUint32(0, header.length, true);
    v2.set(header, 4);
    new DataView(v2.buffer).setFloat32(4 + header.length + pad, 7, true);
    const old = decodeCheckpoint(v2)!.positions.get('k')!;
    expect(old.stageState).toBeUndefined();
    expect(Array.from(old.weights.get('w')!.values)).toEqual([7]);
  });
});
