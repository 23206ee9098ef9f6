import type { ModelResult } from '../../../formats/run-result';
import { validatorNames, type ValidatorScores } from '../../../formats/validators';
import type { UnitResult } from '../units/unit-types';
import { seedStat } from './seed-stats';

/** Each validator's end-of-training score over seeds (only when every seed has it). */
export function validatorStats(units: readonly UnitResult[]): ModelResult['validators'] {
  const out: NonNullable<ModelResult['validators']> = {};
  for (const name of validatorNames) {
    const values = units.map((u) => u.scores.validators?.[name]);
    if (values.length > 0 && values.every((v) => v !== undefined)) out[name] = seedStat(values as number[]);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The validator curve averaged over seeds, point by point (as many points as every seed has). */
export function validatorCurve(units: readonly UnitResult[]): ModelResult['validatorCurve'] {
  const curves = units.map((u) => u.validatorCurve ?? []);
  const n = Math.min(...curves.map((c) => c.length));
  if (curves.length === 0 || n === 0) return undefined;
  return Array.from({ length: n }, (_, k) => {
    const scores: ValidatorScores = {};
    for (const name of validatorNames) {
      const values = curves.map((c) => c[k]!.scores[name]);
      if (values.every((v) => v !== undefined)) scores[name] = (values as number[]).reduce((s, v) => s + v, 0) / values.length;
    }
    return { progress: curves.reduce((s, c) => s + c[k]!.progress, 0) / curves.length, scores };
  });
}
