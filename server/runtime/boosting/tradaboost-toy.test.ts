import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../formats/run-events';
import type { TrainingPlan } from '../../../formats/training-plan';
import { selectBackend } from '../backend/select-backend';
import { loadExportedModel } from '../node/load-exported-model';
import { runPlan } from '../run-plan';
import { moonsPlan } from '../test-support/moons-plan';
import { SeededRandom } from '../ops/seeded-random';
import { loadDomains } from '../units/load-unit-data';

/**
 * Issue 9 items 5 and 6 on toys built so that pooling source and target fails: 1-D inputs of scale 0.1, the
 * target's classes split at 0, 10 labelled target rows. A logistic learner fitted to convergence on standardised
 * inputs finds the target's threshold; Adam for a few epochs on raw inputs of that scale did not (1–9 %).
 */
let dir: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = await mkdtemp(path.join(tmpdir(), 'tradaboost-toy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Rows x ~ U(−0.1, 0.1), label [x > threshold] (flipped with probability `flip`), per part, as one CSV. */
async function toyCsv(name: string, parts: { n: number; threshold: number; flip?: number }[], seed: number): Promise<string> {
  const rng = new SeededRandom(seed);
  const lines = ['x,label'];
  for (const { n, threshold, flip = 0 } of parts) {
    for (let i = 0; i < n; i++) {
      const x = (rng.next() * 2 - 1) * 0.1;
      const y = (x > threshold ? 1 : 0) ^ (rng.next() < flip ? 1 : 0);
      lines.push(`${x.toFixed(6)},${y}`);
    }
  }
  const file = path.join(dir, `${name}.csv`);
  await writeFile(file, lines.join('\n'));
  return file;
}

/** A source of which 40 % share the target's threshold and 60 % put it at 0.06: pooled, the wrong part wins. */
const mixedSource = (name: string, seed: number) =>
  toyCsv(name, [
    { n: 200, threshold: 0 },
    { n: 300, threshold: 0.06 },
  ], seed);
const noisySource = (name: string, seed: number) => toyCsv(name, [{ n: 400, threshold: 0.03, flip: 0.3 }], seed);
const target = (name: string, seed: number) => toyCsv(name, [{ n: 400, threshold: 0 }], seed);

/** TrAdaBoost (logistic learner, 20 rounds) from an upload source to an upload target with 10 labelled rows. */
function toyPlan(rounds = 20, betaRule: 'adapt' | 'dai' = 'adapt'): TrainingPlan {
  const plan = moonsPlan({ seed: 0, epochs: 5 });
  plan.domains[0] = { ...plan.domains[0]!, dataset: { kind: 'upload', id: 'src', labelColumn: 'label' }, width: 1, validationFraction: 0 };
  plan.domains[1] = { ...plan.domains[1]!, dataset: { kind: 'upload', id: 'tgt', labelColumn: 'label' }, width: 1, labels: { count: 10 }, testFraction: 0.5, validationFraction: 0 };
  plan.model.extractor = { ...plan.model.extractor, inputWidth: 1, layers: [{ kind: 'dense', name: 'extractor/dense_0', units: 4, activation: 'relu', dropout: 0 }], outputWidth: 4 };
  plan.stages = [
    {
      ...plan.stages[0]!,
      nodeType: 'trAdaBoost',
      kind: 'boosting',
      labelledDomains: ['src', 'tgt'],
      losses: [{ kind: 'classification', weight: 1, domains: ['src', 'tgt'] }],
      boosting: { nodeId: 'boost', rounds, baseLearner: 'logistic', betaRule, sourceDomain: 'src', targetDomain: 'tgt' },
    },
  ];
  plan.baselines = [{ kind: 'sourceOnly' }, { kind: 'targetOnly' }, { kind: 'sourcePlusTarget' }];
  plan.evaluation = { ...plan.evaluation, domainDistances: [], featureProjection: 'none', repeats: 3 };
  return plan;
}

async function run(plan: TrainingPlan, files: Record<string, string>, events: RunEvent[] = [], artifactDir?: string) {
  return runPlan(plan, { onEvent: (e) => events.push(e), parallelism: 1, artifactDir, resolveUpload: async (id) => (files[id] ? { path: files[id], format: 'csv', labelColumn: 'label' } : undefined) });
}

describe('TrAdaBoost with a logistic learner fitted to convergence', () => {
  it('fits its target-only baseline to convergence: 10 rows of inputs at scale 0.1 suffice', async () => {
    const files = { src: await mixedSource('mixed-src', 1), tgt: await target('tgt', 2) };
    const r = await run(toyPlan(), files);
    const acc = (k: keyof typeof r.models) => r.models[k]!.splits.test!.accuracy!.mean;
    // Adam on the raw inputs for the trainer's epochs left it at 1–9 % (issue 9 item 5).
    expect(acc('targetOnly')).toBeGreaterThan(0.9);
    // Pooling fails here: 60 % of the source puts the threshold at 0.06.
    expect(acc('sourcePlusTarget')).toBeLessThan(0.88);
  }, 120_000);

  it('beats pooling where the source is shifted and 30 % label noise', async () => {
    const files = { src: await noisySource('noisy-src', 3), tgt: await target('tgt2', 4) };
    const r = await run(toyPlan(), files);
    const acc = (k: keyof typeof r.models) => r.models[k]!.splits.test!.accuracy!.mean;
    expect(acc('method')).toBeGreaterThan(0.9);
    // Not a clear win over pooling: +0.048 on the data before the generator merge, +0.025 after it (issue 9 item 5
    // asked for a toy where pooling fails; none was found). It must not lose to pooling.
    expect(acc('method')).toBeGreaterThan(acc('sourcePlusTarget'));
  }, 120_000);
});

describe('TrAdaBoost at ε_t ≥ ½ and its exported ensemble (issue 9 item 6)', () => {
  it('stops at a chance-level round with a warning on the run', async () => {
    // The source's labels are the target's inverted: the first weighted fit is wrong on the target.
    const files = { src: await toyCsv('inverted-src', [{ n: 1000, threshold: 0, flip: 1 }], 5), tgt: await target('tgt3', 6) };
    const events: RunEvent[] = [];
    const plan = toyPlan(20, 'dai');
    plan.evaluation.repeats = 1;
    await run(plan, files, events);
    const warnings = events.filter((e): e is Extract<RunEvent, { type: 'warning' }> => e.type === 'warning' && e.nodeId === 'boost');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]!.message).toMatch(/stopped at round \d+ of 20 .* is not below 0\.500, as β_t = ε\/\(1−ε\) requires/);
    const rounds = events.filter((e) => e.type === 'epoch' && e.track === 'method');
    expect(rounds.length).toBeLessThan(20);
  }, 120_000);

  it('exports the weighted vote, which loads back and predicts as the run scored it', async () => {
    const files = { src: await noisySource('noisy-src2', 7), tgt: await target('tgt4', 8) };
    const plan = toyPlan(6);
    plan.evaluation.repeats = 1;
    plan.export = { nodeId: 'export', name: 'toy-ensemble' };
    const artifactDir = await mkdtemp(path.join(dir, 'artifacts-'));
    const r = await run(plan, files, [], artifactDir);
    expect(await readdir(artifactDir)).toContain('toy-ensemble');
    const loaded = await loadExportedModel(path.join(artifactDir, 'toy-ensemble'));
    // The ensemble of rounds 3…6 (four one-layer voters), not one round's model.
    expect(loaded.layers.filter((l) => l.name.endsWith('__vote'))).toHaveLength(4);
    // The target's held-out rows as the run split them: the loaded vote scores exactly what the run reported.
    const uploads = Object.fromEntries(Object.entries(files).map(([id, p]) => [id, { path: p, format: 'csv' as const, labelColumn: 'label' }]));
    const test = (await loadDomains(plan, plan.seed, uploads)).get('tgt')!.test!;
    const xs = tf.tensor2d(test.x, [test.n, 1]);
    const pred = (loaded.predict(xs) as tf.Tensor2D).argMax(1).dataSync();
    const accuracy = Array.from(test.y).filter((y, i) => y === pred[i]).length / test.n;
    expect(accuracy).toBeCloseTo(r.models.method!.splits.test!.accuracy!.mean, 9);
    expect(accuracy).toBeGreaterThan(0.7);
    // Probabilities: rows sum to 1 (normalised vote weights).
    const sums = (loaded.predict(xs) as tf.Tensor2D).sum(1).dataSync();
    for (const s of sums) expect(s).toBeCloseTo(1, 4);
    loaded.dispose();
  }, 120_000);

  it('the model learner (the plan\'s network, Adam, pool-level weights) boosts and exports its ensemble too', async () => {
    const files = { src: await noisySource('noisy-src3', 9), tgt: await target('tgt5', 10) };
    const plan = toyPlan(3);
    plan.stages[0]!.boosting = { ...plan.stages[0]!.boosting!, baseLearner: 'model' };
    plan.evaluation.repeats = 1;
    plan.export = { nodeId: 'export', name: 'mlp-ensemble' };
    const artifactDir = await mkdtemp(path.join(dir, 'artifacts-'));
    const r = await run(plan, files, [], artifactDir);
    const loaded = await loadExportedModel(path.join(artifactDir, 'mlp-ensemble'));
    // Rounds 2 and 3 vote; each is extractor (one hidden layer) + logits.
    expect(loaded.layers.filter((l) => l.name.endsWith('__vote'))).toHaveLength(2);
    expect(loaded.layers.filter((l) => l.name.includes('extractor__dense_0'))).toHaveLength(2);
    const uploads = Object.fromEntries(Object.entries(files).map(([id, p]) => [id, { path: p, format: 'csv' as const, labelColumn: 'label' }]));
    const test = (await loadDomains(plan, plan.seed, uploads)).get('tgt')!.test!;
    const pred = (loaded.predict(tf.tensor2d(test.x, [test.n, 1])) as tf.Tensor2D).argMax(1).dataSync();
    const accuracy = Array.from(test.y).filter((y, i) => y === pred[i]).length / test.n;
    expect(accuracy).toBeCloseTo(r.models.method!.splits.test!.accuracy!.mean, 9);
    loaded.dispose();
  }, 120_000);
});
