import { epochAccuracyKeys } from '../../../formats/run-events';
import type { Model } from '../model/model';
import { accuracyOf } from './evaluate-model';
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
export function epochAccuracies(state: TrackState, model: Model): Record<string, number> {
  const out: Record<string, number> = {};
  const source = state.domains.get(state.sourceIds[0] ?? '');
  if (source?.validationX && source.prepared.validation) {
    out[epochAccuracyKeys.sourceValidation] = accuracyOf(model.predict(source.validationX, headFor(model, source.prepared.nodeId, state.evalHead)), source.prepared.validation.y);
  }
  const target = state.domains.get(state.targetId);
  if (target?.validationX && target.prepared.validation) {
    out[epochAccuracyKeys.targetValidation] = accuracyOf(model.predict(target.validationX, state.evalHead), target.prepared.validation.y);
  }
  if (state.plan.evaluation.testCurve && target?.testX && target.prepared.test) {
    out[epochAccuracyKeys.test] = accuracyOf(model.predict(target.testX, state.evalHead), target.prepared.test.y);
  }
  return out;
}
