import type { RunEvent } from '../../../formats/run-events';
import type { TrainingPlan } from '../../../formats/training-plan';
import type { Model } from '../model/model';
import { domainTensors, disposeDomains, loadDomains } from '../units/load-unit-data';
import { buildStageLosses, methodSpec } from '../units/train-unit';
import type { LossTerm, TrackState } from '../train/types';

/** A method track's state for `plan` (its first seed's data), for tests that drive a stage directly. */
export async function trackFixture(plan: TrainingPlan, events: RunEvent[] = []): Promise<{ state: TrackState; buildTerms: (model: Model) => LossTerm[]; dispose: () => void }> {
  const spec = await methodSpec(plan, undefined);
  const domains = domainTensors(await loadDomains(plan, plan.seed, {}));
  const state: TrackState = {
    plan,
    track: 'method',
    seed: plan.seed,
    signal: undefined,
    emit: (e) => events.push(e),
    domains,
    targetId: plan.evaluation.targetDomain,
    sourceIds: plan.domains.filter((d) => d.role === 'source').map((d) => d.nodeId),
    modelSpec: spec,
    evalHead: 0,
    model: null,
    predictor: null,
    onEpochEnd: async () => {},
    resume: null,
  };
  const stage = plan.stages[0]!;
  const buildTerms = (model: Model): LossTerm[] => buildStageLosses(stage, state, model);
  return {
    state,
    buildTerms,
    dispose: () => {
      state.model?.dispose();
      disposeDomains(domains);
    },
  };
}
