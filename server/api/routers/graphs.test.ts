import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { graphs, graphVersions, templates as savedTemplates } from '../../../db/schema';
import { templates } from '../../../templates';
import { harnessBackends, openHarness, rejection, type Harness } from './testing/router-harness';

const backends = harnessBackends;

describe.each(backends)('graphs, templates, sharing (%s)', (kind, enabled) => {
  let h: Harness;
  beforeAll(async () => {
    if (enabled) h = await openHarness(kind);
  });
  afterAll(async () => h?.close());
  const tableCounts = async () => ({
    graphs: (await h.services.db.select({ n: count() }).from(graphs))[0]!.n,
    versions: (await h.services.db.select({ n: count() }).from(graphVersions))[0]!.n,
  });
  const dann = templates.find((t) => t.id === 'dann')!.document;

  it.skipIf(!enabled)('save makes immutable versions; history and getVersion return each one', async () => {
    const v1 = await h.caller.graphs.save({ document: dann });
    expect(v1.version).toBe(1);
    const edited = { ...dann, name: 'DANN, edited', description: 'changed' };
    const v2 = await h.caller.graphs.save({ id: v1.id, document: edited, message: 'rename' });
    expect(v2).toEqual({ id: v1.id, version: 2, unchanged: false });
    expect((await h.caller.graphs.get({ id: v1.id })).document.name).toBe('DANN, edited');
    expect((await h.caller.graphs.getVersion({ id: v1.id, version: 1 })).document).toEqual(dann);
    const history = await h.caller.graphs.history({ id: v1.id });
    expect(history.map((v) => [v.version, v.name])).toEqual([[2, 'DANN, edited'], [1, dann.name]]);
    expect((await h.caller.graphs.list()).find((g) => g.id === v1.id)?.version).toBe(2);
    expect((await rejection(h.caller.graphs.save({ id: 'missing', document: dann }))).code).toBe('NOT_FOUND');
  });

  it.skipIf(!enabled)('export → import round trip preserves a graph exactly', async () => {
    for (const t of templates) {
      const { id } = await h.caller.graphs.save({ document: t.document });
      const file = await h.caller.graphs.exportFile({ id });
      expect(JSON.parse(file.text)).toEqual(t.document);
      const imported = await h.caller.graphs.importFile({ text: file.text, save: true });
      expect(imported.migratedFrom).toBeNull();
      expect(imported.document).toEqual(t.document);
      const again = await h.caller.graphs.exportFile({ id: imported.saved!.id });
      expect(again.text).toBe(file.text);
    }
  });

  it.skipIf(!enabled)('an old (version 0) file is migrated on import', async () => {
    const legacy = {
      name: 'Old draft',
      nodes: [
        { id: 'src', kind: 'sourceDomain', data: { dataset: 'two-moons' }, x: 10, y: 20 },
        { id: 'fx', kind: 'mlpExtractor', data: {}, x: 200, y: 20 },
      ],
      links: [],
    };
    const r = await h.caller.graphs.importFile({ text: JSON.stringify(legacy), save: true });
    expect(r.migratedFrom).toBe(0);
    expect(r.document).toMatchObject({ format: 'stepstone.graph', version: 3, name: 'Old draft', sweeps: [] });
    expect(r.document.nodes.map((n) => [n.id, n.position])).toEqual([['src', { x: 10, y: 20 }], ['fx', { x: 200, y: 20 }]]);
    expect((await h.caller.graphs.get({ id: r.saved!.id })).document).toEqual(r.document);
  });

  it.skipIf(!enabled)('a malformed or oversized file gets a clear error and changes nothing', async () => {
    const before = await tableCounts();
    const good = JSON.stringify(dann, null, 2);
    // Broken JSON: a missing comma on line 3.
    const broken = good.split('\n');
    broken[2] = broken[2]!.replace(/,$/, '');
    const syntax = await rejection(h.caller.graphs.importFile({ text: broken.join('\n'), save: true }));
    expect(syntax.code).toBe('BAD_REQUEST');
    expect(syntax.message).toMatch(/^Not valid JSON at line 4, column \d+/);
    // Valid JSON, wrong shape.
    const shape = await rejection(h.caller.graphs.importFile({ text: JSON.stringify({ ...dann, nodes: [{ id: 'x y', type: 3 }] }), save: true }));
    expect(shape.code).toBe('BAD_REQUEST');
    expect(shape.message).toContain('nodes.0');
    // Oversized.
    const big = await rejection(h.caller.graphs.importFile({ text: ' '.repeat(2_100_000) + good, save: true }));
    expect(big.message).toMatch(/at most 2\.0 MB/);
    expect((await rejection(h.caller.graphs.importFile({ text: '', save: true }))).message).toBe('The file is empty.');
    expect(await tableCounts()).toEqual(before);
  });

  it.skipIf(!enabled)('share links are read-only; read-only callers cannot change anything', async () => {
    const { id } = await h.caller.graphs.save({ document: dann });
    const { token } = await h.caller.graphs.share({ id });
    const shared = await h.readOnly.graphs.getShared({ token });
    expect(shared.document).toEqual(dann);
    expect(shared.readOnly).toBe(true);
    const before = await tableCounts();
    expect((await rejection(h.readOnly.graphs.save({ id, document: dann }))).code).toBe('FORBIDDEN');
    expect((await rejection(h.readOnly.graphs.delete({ id }))).code).toBe('FORBIDDEN');
    expect((await rejection(h.readOnly.runs.start({ graphId: id }))).code).toBe('FORBIDDEN');
    expect(await tableCounts()).toEqual(before);
    expect((await rejection(h.caller.graphs.getShared({ token: 'x'.repeat(32) }))).code).toBe('NOT_FOUND');
  });

  it.skipIf(!enabled)('delete removes a graph with all its versions', async () => {
    const { id } = await h.caller.graphs.save({ document: dann });
    await h.caller.graphs.save({ id, document: dann });
    await h.caller.graphs.delete({ id });
    expect((await rejection(h.caller.graphs.get({ id }))).code).toBe('NOT_FOUND');
    expect((await rejection(h.caller.graphs.history({ id }))).code).toBe('NOT_FOUND');
  });

  it.skipIf(!enabled)('templates: built-ins plus saved ones; saveAsTemplate validates', async () => {
    const list0 = await h.caller.templates.list();
    expect(list0.filter((t) => t.builtin)).toHaveLength(templates.length);
    const { id } = await h.caller.templates.saveAsTemplate({ title: 'My DANN', document: dann });
    const got = await h.caller.templates.get({ id });
    expect(got).toMatchObject({ title: 'My DANN', builtin: false, taxonomy: dann.metadata.taxonomy ?? 'feature-based' });
    expect(got.document).toEqual(dann);
    expect((await h.caller.templates.list()).map((t) => t.id)).toContain(id);
    const n = (await h.services.db.select({ n: count() }).from(savedTemplates))[0]!.n;
    expect((await rejection(h.caller.templates.saveAsTemplate({ title: 'bad', document: { nodes: 'no' } }))).code).toBe('BAD_REQUEST');
    expect((await h.services.db.select({ n: count() }).from(savedTemplates))[0]!.n).toBe(n);
    expect((await h.caller.templates.get({ id: 'dann' })).document).toEqual(dann);
  });
});
