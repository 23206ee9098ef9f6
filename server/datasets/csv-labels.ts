import { DatasetError } from './dataset';
import type { UploadLimits } from './limits';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const CLASS_INDEX = /^\+?\d+(\.0*)?$/;
const INTEGER = /^[+-]?\d+$/;

/**
 * Turns a CSV's raw label cells into class indices: 0, 1, 2, … stay as they are; anything else (names,
 * −1/1) is sorted and numbered, with the mapping in labelNames.
 */
export function mapLabels(
  labels: (string | null)[],
  rowLine: number[],
  column: string,
  columnNumber: number,
  file: string,
  limits: UploadLimits,
): { y: Int32Array; classes: number; labelNames?: string[]; labelled: number } {
  const n = labels.length;
  const y = new Int32Array(n).fill(-1);
  const distinct = new Set<string>();
  for (const l of labels) if (l !== null) distinct.add(l);
  const labelled = labels.reduce((a, l) => a + (l === null ? 0 : 1), 0);
  if (labelled === 0) return { y, classes: 0, labelled };
  const loc = { file, column: columnNumber, field: column };
  // A fractional number is not a class: most likely the wrong column was taken as the label.
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l != null && NUMBER.test(l) && !CLASS_INDEX.test(l) && !INTEGER.test(l)) {
      throw new DatasetError(
        `the label "${clip(l)}" is not a whole number or a name. If "${column}" is not the label column, choose the label column in the upload options — or "none" for a table without labels.`,
        { ...loc, line: rowLine[i] },
      );
    }
  }
  if (distinct.size > limits.maxClasses) {
    throw new DatasetError(
      `the label column "${column}" has ${distinct.size} different values; at most ${limits.maxClasses} classes are allowed. Is it the right column?`,
      loc,
    );
  }
  const oneClass = (name: string): DatasetError =>
    new DatasetError(
      `every labelled row has the same label "${clip(name)}": a classifier needs at least two classes. Leave label cells empty for unlabelled rows.`,
      loc,
    );
  const all = [...distinct];
  if (all.every((l) => CLASS_INDEX.test(l))) {
    // 0, 1, 2, … are class indices already: keep them, so a partly labelled domain keeps its numbering.
    let classes = 0;
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      if (l == null) continue;
      const v = Math.round(Number(l));
      if (v >= limits.maxClasses) {
        throw new DatasetError(`the label ${v} is too large: class numbers go up to ${limits.maxClasses - 1}.`, { ...loc, line: rowLine[i] });
      }
      y[i] = v;
      if (v + 1 > classes) classes = v + 1;
    }
    if (new Set(all.map((l) => Math.round(Number(l)))).size === 1) throw oneClass(all[0]!);
    return { y, classes, labelled };
  }
  if (all.length === 1) throw oneClass(all[0]!);
  const numeric = all.every((l) => INTEGER.test(l));
  const sorted = numeric ? all.sort((a, b) => Number(a) - Number(b)) : all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(sorted.map((l, i) => [l, i]));
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l != null) y[i] = index.get(l)!;
  }
  return { y, classes: sorted.length, labelNames: sorted, labelled };
}

export function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
