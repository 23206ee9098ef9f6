import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { count } from 'drizzle-orm';
import { graphs } from '../../db/schema';
import { templates } from '../../templates';
import { POST as trpcPost } from '../../app/api/trpc/[trpc]/route';
import { createServices, setServices, type Services } from '../services';
import { deepJson } from '../testing/hostile-files';
import { guardApiRequest } from './guard-request';
import { openHarness, rejection, type Harness } from './routers/testing/router-harness';

const dann = templates.find((t) => t.id === 'dann')!.document;

describe('hostile strings and nesting at the API boundary', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('pglite');
  });
  afterAll(async () => h?.close());
  const saved = async () => (await h.services.db.select({ n: count() }).from(graphs))[0]!.n;

  it('a NUL or an unpaired surrogate anywhere is a 400 naming the field; nothing is written', async () => {
    const before = await saved();
    const nul = await rejection(h.caller.graphs.save({ document: { ...dann, name: 'a\u0000b' } }));
    expect(nul.code).toBe('BAD_REQUEST');
    expect(nul.message).toBe('document.name: contains a NUL character (\\u0000), which is not allowed in text');
    const node = dann.nodes[0]!;
    const deep = { ...dann, nodes: [{ ...node, label: 'x\uD800' }, ...dann.nodes.slice(1)] };
    const lone = await rejection(h.caller.graphs.save({ document: deep }));
    expect(lone.message).toMatch(/^document\.nodes\.0\.label: contains an unpaired surrogate/);
    const key = await rejection(h.caller.graphs.save({ document: { ...dann, ['k\u0000']: 1 } as typeof dann }));
    expect(key.message).toMatch(/^document\.k\\u0000: has a key that contains a NUL/);
    expect(await saved()).toBe(before);
  });

  it('an imported file with an escaped NUL or deep nesting is refused with its path', async () => {
    const text = JSON.stringify({ ...dann, description: 'x\u0000' });
    expect((await rejection(h.caller.graphs.importFile({ text, save: true }))).message).toMatch(/description: contains a NUL character/);
    expect((await rejection(h.caller.graphs.importFile({ text: deepJson(100_000) }))).message).toMatch(/nested more than 64 levels deep/);
  });

  it('100,000-deep JSON is refused on the text before parsing, as a body and as ?input=', async () => {
    const body = await guardApiRequest(new Request('http://x/api/trpc/graphs.save', { method: 'POST', body: deepJson(100_000) }));
    expect(body).toBeInstanceOf(Response);
    expect((body as Response).status).toBe(400);
    expect(await (body as Response).text()).toMatch(/nested more than 64 levels deep/);
    const query = await guardApiRequest(new Request(`http://x/api/trpc/graphs.get?input=${encodeURIComponent(deepJson(1000))}`));
    expect((query as Response).status).toBe(400);
    const fine = await guardApiRequest(new Request('http://x/api/trpc/graphs.save', { method: 'POST', body: JSON.stringify({ json: { document: dann, note: '[[[{{{' } }) }));
    expect(fine).toBeInstanceOf(Request);
  });
});

describe('internal errors are logged under a request id, never echoed', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createServices({ databaseUrl: '', pgliteDir: 'memory://', dataDir: '/tmp/stepstone-guard-test' });
    setServices(services);
  });
  afterAll(() => setServices(undefined));

  it('a failing query returns a 500 with a request id and neither SQL nor parameters', async () => {
    await services.close(); // every query now fails inside drizzle, whose error quotes the SQL
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await trpcPost(new Request('http://localhost/api/trpc/graphs.get?input=' + encodeURIComponent(JSON.stringify({ id: 'secret-id-4711' }))));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/select|from "|secret-id-4711|params/i);
    const id = /Request id: ([0-9a-f-]{36})/.exec(text)?.[1];
    expect(id).toBeDefined();
    expect(logged.mock.calls.some((c) => String(c[0]).includes(id!))).toBe(true);
    logged.mockRestore();
  });
});
