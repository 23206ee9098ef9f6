import type { RunEvent, RunTrack } from '../../../formats/run-events';
import { DEFAULT_VALIDATOR_POINTS, type ValidatorScores } from '../../../formats/validators';
import type { Model } from '../model/model';
import type { TrackState } from '../train/types';
import { computeValidators } from './compute-validators';

export interface ValidatorPoint {
  /** Training progress of the track, 0…1 (stages count equally). */
  readonly progress: number;
  readonly scores: ValidatorScores;
}

export interface ValidatorTracker {
  /** Every point scored so far, the end last. */
  readonly curve: ValidatorPoint[];
  /** Called at each progress report: scores the model when it has passed the next of the K points. */
  atReport(state: TrackState, stageIndex: number, epoch: number, epochs: number, model: Model): Promise<void>;
  /** Scores the finished model (progress 1). */
  atEnd(state: TrackState): Promise<ValidatorScores>;
}

/**
 * Validators at K evenly spaced points of a track's training (progress k/K, k = 1…K; K from the plan's
 * `evaluation.validatorPoints`, default 5) — each at the first progress report at or past it — and at the end.
 * A resumed unit continues the curve its checkpoint kept, so its points line up with an uninterrupted seed's.
 */
export function createValidatorTracker(opts: {
  track: RunTrack;
  seed: number;
  stageCount: number;
  points?: number;
  emit: (e: RunEvent) => void;
  /** Points scored before a resume (from the checkpoint): kept, and not scored or reported again. */
  resumed?: readonly ValidatorPoint[];
}): ValidatorTracker {
  const points = opts.points ?? DEFAULT_VALIDATOR_POINTS;
  const curve: ValidatorPoint[] = [...(opts.resumed ?? [])];
  let next = 1;
  while (next <= points && curve.some((c) => c.progress + 1e-9 >= next / points)) next++;
  const record = (progress: number, scores: ValidatorScores) => {
    curve.push({ progress, scores });
    opts.emit({ type: 'validators', track: opts.track, seed: opts.seed, progress, scores });
  };
  return {
    curve,
    async atReport(state, stageIndex, epoch, epochs, model) {
      const progress = Math.min(1, (stageIndex + epoch / Math.max(1, epochs)) / Math.max(1, opts.stageCount));
      if (next > points || progress + 1e-9 < next / points) return;
      while (next <= points && progress + 1e-9 >= next / points) next++;
      if (progress >= 1 - 1e-9) return; // the end is scored once, by atEnd, on the final model
      record(progress, await computeValidators(state, model));
    },
    async atEnd(state) {
      const scores = state.model ? await computeValidators(state, state.model) : {};
      record(1, scores);
      return scores;
    },
  };
}
