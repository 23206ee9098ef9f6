import type { PlanDomain } from '../../../formats/training-plan';
import type { Dataset } from '../../datasets/dataset';
import { SeededRandom, splitIndices } from '../ops/seeded-random';
import { PlanInputError } from '../abort-error';

/** Rows of one split: features row-major, labels (−1 = not usable as a label). */
export interface Split {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly n: number;
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
  /** Held-out rows with their true labels (testFraction > 0), else null. */
  readonly test: Split | null;
  /** How many training rows carry a label training may use. */
  readonly labelled: number;
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
  return { x, y, n };
}

/**
 * Applies a domain's held-out split and labels policy, both seeded: `testFraction` of the rows are held out
 * (the measure of success for the target), and of the rest only the policy's labels stay visible —
 * 'all', 'none', or {count} picked class-balanced (round-robin over the classes in a seeded order).
 */
export function prepareDomain(domain: PlanDomain, ds: Dataset, seed: number): PreparedDomain {
  if (ds.n === 0) throw new PlanInputError(`Domain "${domain.name}" has no samples (data set "${ds.name}" is empty).`, domain.nodeId, 'dataset');
  if (ds.width !== domain.width) {
    throw new PlanInputError(
      `Domain "${domain.name}": data set "${ds.name}" has ${ds.width} features per sample but the plan expects ${domain.width}.`,
      domain.nodeId,
      'dataset',
    );
  }
  const rng = new SeededRandom(seed);
  let trainRows: Int32Array;
  let test: Split | null = null;
  if (domain.testFraction > 0) {
    const { first, second } = splitIndices(ds.n, domain.testFraction, rng.fork('split'));
    if (first.length === 0 || second.length === 0) {
      throw new PlanInputError(
        `Domain "${domain.name}" has ${ds.n} samples: too few to hold out ${Math.round(domain.testFraction * 100)}% for evaluation and still train.`,
        domain.nodeId,
        'testFraction',
      );
    }
    test = take(ds, first);
    trainRows = second.sort();
  } else {
    trainRows = Int32Array.from({ length: ds.n }, (_, i) => i);
  }
  const train = take(ds, trainRows);
  const trueY = Int32Array.from(train.y);
  const y = train.y;
  const policy = domain.labels;
  if (policy === 'none') {
    y.fill(-1);
  } else if (typeof policy === 'object') {
    const keep = pickBalanced(trueY, policy.count, rng.fork('labels'));
    for (let i = 0; i < y.length; i++) if (!keep.has(i)) y[i] = -1;
  }
  let labelled = 0;
  for (const v of y) if (v >= 0) labelled++;
  return {
    nodeId: domain.nodeId,
    name: domain.name,
    role: domain.role,
    order: domain.order,
    width: ds.width,
    classes: Math.max(domain.classes, ds.classes),
    imageShape: domain.imageShape ?? ds.imageShape,
    train: { x: train.x, y, n: train.n },
    trainTrueY: trueY,
    test,
    labelled,
  };
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
