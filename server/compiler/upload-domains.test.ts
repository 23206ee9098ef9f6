import { describe, expect, it } from 'vitest';
import { migrateGraph } from '../../formats/migrate-graph';
import type { GraphDocument } from '../../formats/graph-document';
import type { UploadMeta } from './compile-context';
import { compileGraph } from './compile-graph';
import { expectError, nodeOf, templateDoc } from './test-support';

const meta = (labelNames?: string[], labelled = true): UploadMeta => ({ width: 2, classes: labelled ? (labelNames?.length ?? 2) : 0, labelled, imageShape: null, rows: 200, ...(labelNames ? { labelNames } : {}) });

/** The template as the editor holds it: migrated to the current node versions. */
function currentDann(): GraphDocument {
  const m = migrateGraph(templateDoc('dann'));
  if (!m.ok) throw new Error('template does not migrate');
  return m.document;
}

function dannWith(source: string, target: string, uploads: Record<string, UploadMeta>, targetLabels = 0) {
  const doc = currentDann();
  nodeOf(doc, 'source').params = { ...nodeOf(doc, 'source').params, dataset: source, options: {} };
  nodeOf(doc, 'target').params = { ...nodeOf(doc, 'target').params, dataset: target, options: {}, labelledCount: targetLabels };
  return { doc, result: compileGraph(doc, { uploads }) };
}

describe('uploads in the compiler: class names, scaling', () => {
  it('aligns a target whose classes are a subset of the source’s, by name', () => {
    const { result } = dannWith('upload:s', 'upload:t', { s: meta(['ant', 'bee', 'cat']), t: meta(['bee', 'cat']) }, 20);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [src, tgt] = result.plan.domains;
    expect(src!.classNames).toEqual(['ant', 'bee', 'cat']);
    expect(tgt!.classNames).toEqual(['ant', 'bee', 'cat']);
    expect(tgt!.classes).toBe(3);
  });

  it('a class the source lacks is a compile error naming the classes on both sides', () => {
    const { result } = dannWith('upload:s', 'upload:t', { s: meta(['ant', 'bee']), t: meta(['Bee', 'ant', 'wasp']) }, 20);
    const e = expectError(result, { code: 'classMismatch', nodeId: 'target', field: 'dataset' });
    expect(e.message).toBe('"moons rotated 30°" has classes the source "moons" does not: “Bee”, “wasp”. The source has “bee” where "moons rotated 30°" has none.');
  });

  it('names on one side and numbers on the other cannot be matched', () => {
    const { result } = dannWith('upload:s', 'upload:t', { s: meta(['no', 'yes']), t: meta() }, 20);
    expect(expectError(result, { code: 'classMismatch', nodeId: 'target' }).message).toMatch(/"moons" names its classes \(“no”, “yes”\) but "moons rotated 30°" numbers them/);
  });

  it('an unlabelled target needs no class names', () => {
    const { result } = dannWith('upload:s', 'upload:t', { s: meta(['no', 'yes']), t: meta(undefined, false) });
    expect(result.ok).toBe(true);
  });

  it('scaling: auto standardises uploads and leaves built-ins; explicit choices win; graphs without the param get auto', () => {
    const { result } = dannWith('upload:s', 'two-moons', { s: meta() });
    expect(result.ok && result.plan.domains.map((d) => d.scaling)).toEqual(['standardise', undefined]);
    const doc = currentDann();
    nodeOf(doc, 'target').params.scaling = 'minmax';
    const r2 = compileGraph(doc);
    expect(r2.ok && r2.plan.domains.map((d) => d.scaling)).toEqual([undefined, 'minmax']);
    // Graphs saved before scaling existed (no `scaling` param) get the default: an upload is standardised.
    const old = templateDoc('dann');
    nodeOf(old, 'source').params.dataset = 'upload:s';
    nodeOf(old, 'source').params.options = {};
    expect(nodeOf(old, 'source').params.scaling).toBeUndefined();
    const r3 = compileGraph(old, { uploads: { s: meta() } });
    expect(r3.ok ? r3.plan.domains[0]!.scaling : r3.errors).toBe('standardise');
  });

  it('the server refuses file: data sets (only npm run train reads local files)', () => {
    const { result } = dannWith('file:data/src.csv', 'two-moons', {});
    expect(expectError(result, { code: 'fileDataset', nodeId: 'source', field: 'dataset' }).message).toMatch(/only `npm run train` reads files/);
  });
});
