import type { RunResult, SeedStat } from '../../formats/run-result';
import type { SweepValue } from '../../formats/sweep';
import { orientedScore, validatorNames, type ValidatorName } from '../../formats/validators';

export interface MemberOutcome {
  readonly index: number;
  readonly values: Record<string, SweepValue>;
  readonly status: string;
  readonly result: RunResult | null;
}

export interface MemberRow {
  readonly index: number;
  readonly values: Record<string, SweepValue>;
  readonly status: string;
  /** Each validator's end-of-training score of the method (mean over seeds). */
  readonly validators: Partial<Record<ValidatorName, number>>;
  /** The method's accuracy on the target's labelled test rows, when there are some. */
  readonly test?: { accuracy: SeedStat };
}

export interface SweepSummary {
  readonly members: MemberRow[];
  /** The member each validator selects (its best score), among finished members. */
  readonly picks: Partial<Record<ValidatorName, number>>;
  /** The member best on the test split (needs target test labels): what a label-peeking choice would take. */
  readonly oracle: number | null;
  /** Test accuracy lost by choosing with the validator instead of the oracle (oracle − pick, ≥ 0). */
  readonly oracleGap: Partial<Record<ValidatorName, number>>;
  /** Spearman rank correlation of each validator (oriented: higher is better) with test accuracy over members. */
  readonly rankCorrelation: Partial<Record<ValidatorName, number>>;
}

/** Ranks 1…n, ties sharing their average rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman's ρ: Pearson correlation of the ranks; null for fewer than 3 values or a constant list. */
export function spearman(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length || a.length < 3) return null;
  const [ra, rb] = [ranks(a), ranks(b)];
  const mean = (ra.length + 1) / 2;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < ra.length; i++) {
    cov += (ra[i]! - mean) * (rb[i]! - mean);
    va += (ra[i]! - mean) ** 2;
    vb += (rb[i]! - mean) ** 2;
  }
  return va === 0 || vb === 0 ? null : cov / Math.sqrt(va * vb);
}

function memberRow(m: MemberOutcome): MemberRow {
  const method = m.result?.models.method;
  const validators: MemberRow['validators'] = {};
  for (const name of validatorNames) {
    const v = method?.validators?.[name]?.mean;
    if (v !== undefined) validators[name] = v;
  }
  const test = method?.splits.test?.accuracy;
  return { index: m.index, values: m.values, status: m.status, validators, ...(test ? { test: { accuracy: test } } : {}) };
}

/** The member with the largest `score` (the first on ties), or null. */
function best(rows: readonly MemberRow[], score: (r: MemberRow) => number | undefined): number | null {
  let pick: MemberRow | null = null;
  for (const r of rows) {
    const s = score(r);
    if (s !== undefined && (pick === null || s > score(pick)!)) pick = r;
  }
  return pick?.index ?? null;
}

/** The sweep page's figures: each member's scores, each validator's pick, its gap to the oracle, its rank correlation. */
export function summariseSweep(outcomes: readonly MemberOutcome[]): SweepSummary {
  const members = [...outcomes].sort((a, b) => a.index - b.index).map(memberRow);
  const done = members.filter((r) => r.status === 'succeeded');
  const oracle = best(done, (r) => r.test?.accuracy.mean);
  const accOf = (i: number) => done.find((r) => r.index === i)?.test?.accuracy.mean;
  const picks: SweepSummary['picks'] = {};
  const oracleGap: SweepSummary['oracleGap'] = {};
  const rankCorrelation: SweepSummary['rankCorrelation'] = {};
  for (const name of validatorNames) {
    const pick = best(done, (r) => (r.validators[name] === undefined ? undefined : orientedScore(name, r.validators[name]!)));
    if (pick === null) continue;
    picks[name] = pick;
    if (oracle !== null && accOf(pick) !== undefined) oracleGap[name] = accOf(oracle)! - accOf(pick)!;
    const both = done.filter((r) => r.validators[name] !== undefined && r.test);
    const rho = spearman(both.map((r) => orientedScore(name, r.validators[name]!)), both.map((r) => r.test!.accuracy.mean));
    if (rho !== null) rankCorrelation[name] = rho;
  }
  return { members, picks, oracle, oracleGap, rankCorrelation };
}
