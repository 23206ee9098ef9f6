import type { PlanDomain } from '../../../formats/training-plan';
import type { Dataset } from '../../datasets/dataset';
import { SeededRandom, splitIndices } from '../ops/seeded-random';
import { PlanInputError } from '../plan-input-error';

/** Rows of one split: features row-major, labels (−1 = not usable as a label). */
export interface Split {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly n: number;
  /** Each row's 0-based index in the data set (as loaded), for predictions out. */
  readonly rows?: Int32Array;
}

export interface PreparedDomain {
  readonly nodeId: string;
  readonly name: string;
  readonly role: PlanDomain['role'];
  readonly order: number;
  readonly width: number;
  readonly classes: number;
  readonly imageShape: [number, number, number] | null;
  /** Training rows; `y` follows the labels policy (hidden labels are −1). */
  readonly train: Split;
  /** True labels of the training rows (for reporting accuracy only, never for training). */
  readonly trainTrueY: Int32Array;
  /** Held-out rows with their true labels (testFraction > 0), else null. Scored once per model, at its end. */
  readonly test: Split | null;
  /** Validation rows with their true labels, never trained on (see PlanDomain.validationFraction), else null. */
  readonly validation: Split | null;
  /** How many training rows carry a label training may use. */
  readonly labelled: number;
  /** Class names (index = class) when the data set has them. */
  readonly labelNames?: readonly string[];
  /** CSV uploads: the feature columns, in order (what an exported model expects of a new file). */
  readonly featureColumns?: readonly string[];
  /** Set by scaleDomains when this domain's features were scaled (statistics of the source's training rows). */
  readonly scaling?: { kind: 'standardise' | 'minmax'; mean: number[]; std: number[]; min: number[]; max: number[] };
}

function take(ds: Dataset, rows: ArrayLike<number>): Split {
  const n = rows.length;
  const x = new Float32Array(n * ds.width);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    x.set(ds.x.subarray(r * ds.width, (r + 1) * ds.width), i * ds.width);
    y[i] = ds.y[r]!;
  }
  return { x, y, n, rows: Int32Array.from(rows) };
}

/**
 * Applies a domain's splits and labels policy, all seeded. `testFraction` of the rows are held out (the target's
 * measure of success). Of the rest, only the policy's labels stay visible — 'all', 'none', or {count} picked
 * class-balanced. Validation rows come out of what training could see: a source gives up `validationFraction`
 * of its rows; a target with a label count gives up that fraction of its labelled budget (the count includes
 * them). Test, validation and training rows are disjoint.
 */
export function prepareDomain(domain: PlanDomain, ds: Dataset, seed: number): PreparedDomain {
  checkDataset(domain, ds);
  const rng = new SeededRandom(seed);
  const { test, rest } = holdOutTest(domain, ds, rng);
  const trueY = Int32Array.from(rest, (r) => ds.y[r]!);
  const visible = visibleLabels(domain, trueY, rng);
  const validationRows = pickValidation(domain, visible, rng);
  const keep: number[] = [];
  for (let i = 0; i < rest.length; i++) if (!validationRows.has(i)) keep.push(i);
  const train = take(ds, keep.map((i) => rest[i]!));
  const y = Int32Array.from(keep, (i) => visible[i]!);
  let labelled = 0;
  for (const v of y) if (v >= 0) labelled++;
  const validation = validationRows.size > 0 ? take(ds, [...validationRows].sort((a, b) => a - b).map((i) => rest[i]!)) : null;
  const out: PreparedDomain = {
    nodeId: domain.nodeId,
    name: domain.name,
    role: domain.role,
    order: domain.order,
    width: ds.width,
    classes: Math.max(domain.classes, ds.classes),
    imageShape: domain.imageShape ?? ds.imageShape,
    train: { x: train.x, y, n: train.n, rows: train.rows },
    trainTrueY: train.y,
    test,
    validation,
    labelled,
  };
  if (ds.labelNames) Object.assign(out, { labelNames: ds.labelNames });
  if (ds.featureColumns) Object.assign(out, { featureColumns: ds.featureColumns });
  return out;
}

function checkDataset(domain: PlanDomain, ds: Dataset): void {
  if (ds.n === 0) throw new PlanInputError(`Domain "${domain.name}" has no samples (data set "${ds.name}" is empty).`, domain.nodeId, 'dataset');
  if (ds.width !== domain.width) {
    throw new PlanInputError(
      `Domain "${domain.name}": data set "${ds.name}" has ${ds.width} features per sample but the plan expects ${domain.width}.`,
      domain.nodeId,
      'dataset',
    );
  }
}

/** The held-out test rows, and the sorted rows left for training and validation. */
function holdOutTest(domain: PlanDomain, ds: Dataset, rng: SeededRandom): { test: Split | null; rest: Int32Array } {
  if (domain.testFraction <= 0) return { test: null, rest: Int32Array.from({ length: ds.n }, (_, i) => i) };
  const { first, second } = splitIndices(ds.n, domain.testFraction, rng.fork('split'));
  if (first.length === 0 || second.length === 0) {
    throw new PlanInputError(
      `Domain "${domain.name}" has ${ds.n} samples: too few to hold out ${Math.round(domain.testFraction * 100)}% for evaluation and still train.`,
      domain.nodeId,
      'testFraction',
    );
  }
  return { test: take(ds, first), rest: second.sort() };
}

/** Labels training may see under the domain's policy (−1 = hidden). */
function visibleLabels(domain: PlanDomain, trueY: Int32Array, rng: SeededRandom): Int32Array {
  const y = Int32Array.from(trueY);
  const policy = domain.labels;
  if (policy === 'none') y.fill(-1);
  else if (typeof policy === 'object') {
    const keep = pickBalanced(trueY, policy.count, rng.fork('labels'));
    for (let i = 0; i < y.length; i++) if (!keep.has(i)) y[i] = -1;
  }
  return y;
}

/** Fewer validation rows than this measure nothing (one row flips the figure by 20 points or more): no split then. */
const MIN_VALIDATION_ROWS = 5;

/** Indices (into the visible rows) that become validation rows: a seeded, class-balanced share of the labelled ones. */
function pickValidation(domain: PlanDomain, visible: Int32Array, rng: SeededRandom): Set<number> {
  const fraction = domain.validationFraction;
  let labelled = 0;
  for (const v of visible) if (v >= 0) labelled++;
  const count = Math.floor(labelled * fraction);
  // Keep at least one labelled row for training; a validation split of nothing is no split.
  if (fraction <= 0 || count < MIN_VALIDATION_ROWS || labelled - count < 1) return new Set();
  return pickBalanced(visible, count, rng.fork('validation'));
}

/** `count` labelled rows, as even across classes as the data allow. */
function pickBalanced(y: Int32Array, count: number, rng: SeededRandom): Set<number> {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const c = y[i]!;
    if (c < 0) continue;
    let list = byClass.get(c);
    if (!list) byClass.set(c, (list = []));
    list.push(i);
  }
  const queues = [...byClass.keys()].sort((a, b) => a - b).map((c) => rng.shuffle(byClass.get(c)!));
  const chosen = new Set<number>();
  for (let round = 0; chosen.size < count; round++) {
    let any = false;
    for (const q of queues) {
      if (chosen.size >= count) break;
      const idx = q[round];
      if (idx !== undefined) {
        chosen.add(idx);
        any = true;
      }
    }
    if (!any) break;
  }
  return chosen;
}
