import type { PlanDomain } from '../../../formats/training-plan';
import type { Dataset } from '../../datasets/dataset';
import { PlanInputError } from '../plan-input-error';

/**
 * Renumbers a data set's classes to the plan's class names (the source's), so that "cat" is the same class index
 * in every domain even when a target has fewer classes. The compiler has checked that the names match; a file
 * changed since is refused here by name.
 */
export function alignLabels(domain: PlanDomain, ds: Dataset): Dataset {
  const names = domain.classNames;
  if (!names || !ds.labelNames) return ds;
  const index = new Map(names.map((n, i) => [n, i]));
  const map = ds.labelNames.map((n) => {
    const i = index.get(n);
    if (i === undefined) throw new PlanInputError(`Domain "${domain.name}": class “${n}” is not among the source's classes (${names.slice(0, 10).join(', ')}).`, domain.nodeId, 'dataset');
    return i;
  });
  const y = Int32Array.from(ds.y, (c) => (c < 0 ? c : map[c]!));
  return { ...ds, y, classes: names.length, labelNames: [...names] };
}
