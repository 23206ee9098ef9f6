import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import type { BackendName } from '../../../formats/run-events';
import type { TrainingPlan } from '../../../formats/training-plan';
import { compileGraph } from '../../compiler/compile-graph';
import { selectBackend } from '../backend/select-backend';
import { Model } from '../model/model';
import { withParams } from '../ops/param-binding';
import { SeededRandom } from '../ops/seeded-random';
import { EpochBatches } from '../train/epoch-batches';
import { FlatAdam } from '../train/flat-adam';
import { FlatParams } from '../train/flat-params';
import { poolContext } from '../train/run-train-stage';
import { objective, StageStepper, type StepSetup } from '../train/stage-step';
import { buildPools, disposePools } from '../train/stage-pools';
import { trackFixture } from './track-fixture';

/** A gallery template compiled into its plan (tests and benchmarks). */
export function templatePlan(id: string): TrainingPlan {
  const compiled = compileGraph(JSON.parse(readFileSync(new URL(`../../../templates/${id}.json`, import.meta.url), 'utf8')));
  if (!compiled.ok) throw new Error(`${id} does not compile: ${JSON.stringify(compiled.errors)}`);
  return compiled.plan;
}

export interface TemplateSteps {
  readonly backend: string;
  readonly adapter?: string;
  /** Per step: [classification, each adaptation term…, total], as the training loop sums them. */
  readonly losses: number[][];
  /** The gradient of the first step's objective over the flat parameter vector, at the initial weights. */
  readonly gradient: Float32Array;
}

/**
 * The first `steps` optimiser steps of a template's first stage on `backend`, exactly as run-train-stage takes them
 * (same model initialisation, pools, batch order, Adam), with no schedule: the constant learning rate of the plan.
 */
export async function templateSteps(id: string, backend: BackendName, steps: number): Promise<TemplateSteps> {
  const selected = await selectBackend(backend);
  const plan = templatePlan(id);
  const stage = plan.stages[0]!;
  const { state, buildTerms, dispose } = await trackFixture(plan);
  const model = new Model(state.modelSpec, plan.seed);
  state.model = model;
  const terms = buildTerms(model);
  const pools = buildPools(stage, state.modelSpec, poolContext(state));
  const vars = [...model.trainableVariables([]), ...terms.flatMap((t) => [...t.variables])];
  const setup: StepSetup = { model, terms, classWeight: 1, sourceIsHead0: pools.sourceIsHead0 };
  const rng = new SeededRandom(plan.seed);
  const head = new EpochBatches(pools.heads[0]!, rng.permutation(pools.heads[0]!.n), stage.batchSize, steps);
  const target = pools.target ? new EpochBatches(pools.target, rng.permutation(pools.target.n), stage.batchSize, steps) : null;
  const batches = (s: number) => () => ({ heads: [head.at(s)], source: null, target: target?.at(s) ?? null, progress: 0, dropoutSeed: s });
  const gradient = await firstGradient(setup, vars, batches(0));
  const optimizer = new FlatAdam(stage.optimizer.learningRate);
  const stepper = new StageStepper(setup, optimizer, vars);
  const losses: number[][] = [];
  try {
    for (let s = 0; s < steps; s++) {
      stepper.step(batches(s));
      losses.push([...(await stepper.readLosses())]);
    }
  } finally {
    for (const t of terms) t.dispose();
    head.dispose();
    target?.dispose();
    stepper.dispose();
    optimizer.dispose();
    disposePools(pools);
    dispose();
  }
  return { backend: selected.name, ...(selected.adapter ? { adapter: selected.adapter } : {}), losses, gradient };
}

async function firstGradient(setup: StepSetup, vars: tf.Variable[], batches: () => Parameters<typeof objective>[1]): Promise<Float32Array> {
  const params = new FlatParams(vars);
  try {
    const grad = tf.tidy(() => {
      const b = batches();
      const { value, grads } = tf.variableGrads(() => withParams(params.views(), () => objective(setup, b, [])), [params.flat]);
      value.dispose();
      return grads[params.flat.name]!;
    });
    const out = (await grad.data()) as Float32Array;
    grad.dispose();
    return out;
  } finally {
    params.dispose();
  }
}
