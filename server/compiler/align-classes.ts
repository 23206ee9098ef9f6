import type { IssueSink } from './compile-issue';
import type { DomainInfo, DomainSet } from './resolve-domains';

const list = (names: readonly string[]) => names.map((n) => `“${n}”`).join(', ');

/** Labelled domains other than the source, whose classes must line up with the source's. */
function labelledOthers(set: DomainSet): DomainInfo[] {
  return [...set.byId.values()].filter((d) => d.role !== 'source' && d.labelled);
}

/**
 * Source and other labelled domains are aligned by class name: every class named in a target or intermediate
 * must exist in the source (the source's sorted names define the class indices for all). A mismatch is a compile
 * error naming the classes; names on one side and class numbers on the other too. Numbered classes on both sides
 * stay aligned by number, as before.
 */
export function alignClasses(set: DomainSet, sink: IssueSink): DomainSet {
  const source = set.source;
  if (!source?.labelled) return set;
  const names = source.labelNames;
  let ok = true;
  for (const d of labelledOthers(set)) {
    if (!names && !d.labelNames) continue;
    if (!names || !d.labelNames) {
      const [named, numbered] = names ? [source, d] : [d, source];
      sink.error('classMismatch', `"${named.name}" names its classes (${list(named.labelNames!.slice(0, 8))}) but "${numbered.name}" numbers them; they cannot be matched.`, 'Upload both with the same kind of labels (names on both sides, or class numbers on both).', { nodeId: d.nodeId, field: 'dataset' });
      ok = false;
      continue;
    }
    const missing = d.labelNames.filter((n) => !names.includes(n));
    if (missing.length > 0) {
      const absent = names.filter((n) => !d.labelNames!.includes(n));
      const also = absent.length > 0 ? ` The source has ${list(absent.slice(0, 10))} where "${d.name}" has none.` : '';
      sink.error('classMismatch', `"${d.name}" has classes the source "${source.name}" does not: ${list(missing.slice(0, 10))}.${also}`, 'Classes are matched by name: rename the labels so both files use the same class names (spelling and case count).', {
        nodeId: d.nodeId,
        field: 'dataset',
      });
      ok = false;
    }
  }
  if (!ok || !names) return set;
  const align = (d: DomainInfo | null): DomainInfo | null => (d ? { ...d, classNames: names, classes: Math.max(d.classes, names.length) } : d);
  const byId = new Map([...set.byId].map(([id, d]) => [id, align(d)!]));
  return { source: align(source), target: align(set.target), intermediates: set.intermediates.map((d) => align(d)!), auxiliary: set.auxiliary.map((d) => align(d)!), byId };
}
