import { epochAccuracyKeys } from '../../../formats/run-events';
import type { Model } from '../model/model';
import { accuracyOf, hasLabels } from './evaluate-model';
import type { TrackState } from './types';

/** Which head scores a domain: its own task head, else the track's evaluation head. */
export function headFor(model: Model, domainId: string, fallback: number): number {
  const own = model.spec.heads.findIndex((h) => h.domainNodeId === domainId);
  return own >= 0 ? own : fallback;
}

/**
 * Accuracies for live curves: the source's and the target's validation splits (rows never trained on). The
 * target's test split appears only when the plan asks for a test curve — users must not tune on it.
 */
export async function epochAccuracies(state: TrackState, model: Model): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const source = state.domains.get(state.sourceIds[0] ?? '');
  if (source?.validationX && source.prepared.validation) {
    out[epochAccuracyKeys.sourceValidation] = accuracyOf(await model.predictAsync(source.validationX, headFor(model, source.prepared.nodeId, state.evalHead)), source.prepared.validation.y);
  }
  const target = state.domains.get(state.targetId);
  if (target?.validationX && target.prepared.validation) {
    out[epochAccuracyKeys.targetValidation] = accuracyOf(await model.predictAsync(target.validationX, state.evalHead), target.prepared.validation.y);
  }
  if (state.plan.evaluation.testCurve && target?.testX && target.prepared.test && hasLabels(target.prepared.test.y)) {
    out[epochAccuracyKeys.test] = accuracyOf(await model.predictAsync(target.testX, state.evalHead), target.prepared.test.y);
  }
  return out;
}
