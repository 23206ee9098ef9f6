import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingPlan } from '../../../formats/training-plan';
import { selectBackend } from '../backend/select-backend';
import { runPlan } from '../run-plan';
import { moonsPlan } from '../test-support/moons-plan';
import { SeededRandom } from '../ops/seeded-random';

/**
 * Issue 9 item 5: the toy TrAdaBoost (Dai et al. 2007) is designed for, where pooling fails. x ~ N(0, I₂); the
 * target's concept is x₁ > 0. Half of the 1,000 source rows agree with it, half are labelled by x₂ > 0. Pooled,
 * the learner follows both concepts (boundary near the diagonal, ~75 %); boosting fades the x₂-rows the target
 * disagrees with round by round. 30 labelled target rows, 20 rounds, logistic learner fitted to convergence.
 * Python reference (scikit-learn LogisticRegression, the same rounds, 8 seeds; /work/notes/9c/proto3.py):
 * pooled 0.756, target-only 0.948, TrAdaBoost (ε/(2−ε)) 0.964, lowest seed 0.927. Under Dai's ε/(1−ε) with its
 * stop at ε ≥ ½ it stops in round 2 (the target holds 3 % of the weight, so the refit barely moves while its
 * misfits' weight triples) and stays at the pooled figure (0.766): the test uses the ε/(2−ε) rule. This
 * implementation on seeds 0–4: TrAdaBoost 0.970, pooled 0.764, target-only 0.973 — the toy shows boosting undoing
 * a misleading half of the source, not a gain over the 30 target labels alone (2-D is easy for 30 rows).
 */
let dir: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = await mkdtemp(path.join(tmpdir(), 'tradaboost-concepts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `n` rows x ~ N(0, I₂) labelled by x₁ > 0 (`concept` 0) or x₂ > 0 (`concept` 1), as one CSV file. */
async function conceptCsv(name: string, parts: { n: number; concept: 0 | 1 }[], seed: number): Promise<string> {
  const rng = new SeededRandom(seed);
  const lines = ['x1,x2,label'];
  for (const { n, concept } of parts) {
    for (let i = 0; i < n; i++) {
      const x = [rng.normal(), rng.normal()];
      lines.push(`${x[0]!.toFixed(6)},${x[1]!.toFixed(6)},${x[concept]! > 0 ? 1 : 0}`);
    }
  }
  const file = path.join(dir, `${name}.csv`);
  await writeFile(file, lines.join('\n'));
  return file;
}

/** TrAdaBoost from the upload `src` to the upload `tgt` (30 labelled rows, half of 400 held out). */
function conceptPlan(seed: number, betaRule: 'adapt' | 'dai'): TrainingPlan {
  const plan = moonsPlan({ seed, epochs: 5 });
  plan.domains[0] = { ...plan.domains[0]!, dataset: { kind: 'upload', id: 'src', labelColumn: 'label' }, validationFraction: 0 };
  plan.domains[1] = { ...plan.domains[1]!, dataset: { kind: 'upload', id: 'tgt', labelColumn: 'label' }, labels: { count: 30 }, testFraction: 0.5, validationFraction: 0 };
  plan.stages = [
    {
      ...plan.stages[0]!,
      nodeType: 'trAdaBoost',
      kind: 'boosting',
      labelledDomains: ['src', 'tgt'],
      losses: [{ kind: 'classification', weight: 1, domains: ['src', 'tgt'] }],
      boosting: { nodeId: 'boost', rounds: 20, baseLearner: 'logistic', betaRule, sourceDomain: 'src', targetDomain: 'tgt' },
    },
  ];
  plan.baselines = [{ kind: 'targetOnly' }, { kind: 'sourcePlusTarget' }];
  plan.evaluation = { ...plan.evaluation, domainDistances: [], featureProjection: 'none', repeats: 1 };
  return plan;
}

async function accuracies(seed: number, betaRule: 'adapt' | 'dai') {
  const files: Record<string, string> = {
    src: await conceptCsv(`src-${seed}`, [{ n: 500, concept: 0 }, { n: 500, concept: 1 }], 100 + seed),
    tgt: await conceptCsv(`tgt-${seed}`, [{ n: 400, concept: 0 }], 200 + seed),
  };
  const r = await runPlan(conceptPlan(seed, betaRule), {
    onEvent: () => {},
    parallelism: 1,
    resolveUpload: async (id) => (files[id] ? { path: files[id], format: 'csv', labelColumn: 'label' } : undefined),
  });
  const acc = (k: keyof typeof r.models) => r.models[k]!.splits.test!.accuracy!.mean;
  return { method: acc('method'), pooled: acc('sourcePlusTarget'), targetOnly: acc('targetOnly') };
}

const SEEDS = [0, 1, 2, 3, 4];

describe('TrAdaBoost where pooling fails: half the source follows another concept', () => {
  it('exceeds 90 % on every seed and beats pooling by more than 10 points (ε/(2−ε) rule)', async () => {
    const runs: Awaited<ReturnType<typeof accuracies>>[] = [];
    for (const seed of SEEDS) runs.push(await accuracies(seed, 'adapt'));
    // Measured (wasm): method 0.970, 0.980, 0.995, 0.990, 0.915; pooled 0.770, 0.815, 0.775, 0.730, 0.730.
    const mean = (k: 'method' | 'pooled') => runs.reduce((s, r) => s + r[k], 0) / runs.length;
    expect(mean('pooled')).toBeLessThan(0.8);
    for (const r of runs) {
      expect(r.method).toBeGreaterThan(0.9);
      expect(r.method - r.pooled).toBeGreaterThan(0.1);
    }
  }, 300_000);

  it("stops early under Dai's ε/(1−ε) rule and stays near pooling", async () => {
    // Measured: 0.770, equal to pooled.
    const r = await accuracies(0, 'dai');
    expect(r.pooled).toBeLessThan(0.8);
    expect(r.method).toBeLessThan(0.85);
  }, 120_000);
});
