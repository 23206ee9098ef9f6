import { z } from 'zod';

/**
 * Unsupervised validators: scores of a trained model that need no target labels (labelled source validation rows
 * and unlabelled target rows only). Used to choose among a sweep's members without peeking at the target's test
 * split. Definitions: server/runtime/validators/ (after pytorch-adapt's validators and the papers).
 */
export const validatorNames = ['sourceValAccuracy', 'im', 'snd', 'dev'] as const;
export type ValidatorName = (typeof validatorNames)[number];

export interface ValidatorInfo {
  readonly label: string;
  /** true: the larger score is the better model; false (DEV, a risk): the smaller. */
  readonly higherIsBetter: boolean;
  readonly summary: string;
}

export const validatorInfo: Record<ValidatorName, ValidatorInfo> = {
  sourceValAccuracy: { label: 'Source-val accuracy', higherIsBetter: true, summary: 'accuracy on held-out labelled source rows' },
  im: { label: 'IM', higherIsBetter: true, summary: 'information maximisation: entropy of the mean target prediction − mean per-sample entropy' },
  snd: { label: 'SND', higherIsBetter: true, summary: 'soft neighbourhood density (Saito et al. 2021): entropy of the softmax of temperature-scaled cosine similarities between target predictions (T = 0.05)' },
  dev: { label: 'DEV', higherIsBetter: false, summary: 'deep embedded validation (You et al. 2019): source-validation loss weighted by a domain classifier’s density ratio, with a control variate (a risk: lower is better)' },
};

/** One model's validator scores (absent: not computable, e.g. no source validation rows). */
export const validatorScoresSchema = z.object({
  sourceValAccuracy: z.number().optional(),
  im: z.number().optional(),
  snd: z.number().optional(),
  dev: z.number().optional(),
});
export type ValidatorScores = z.infer<typeof validatorScoresSchema>;

/** Validator scores at evenly spaced points of a model's training: progress k/K, k = 1…K (the last is its end). */
export const DEFAULT_VALIDATOR_POINTS = 5;

/** Orients a score so that larger is always better (for picks and rank correlations). */
export function orientedScore(name: ValidatorName, score: number): number {
  return validatorInfo[name].higherIsBetter ? score : -score;
}
