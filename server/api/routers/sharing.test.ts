import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templates } from '../../../templates';
import { harnessBackends, openHarness, rejection, type Harness } from './testing/router-harness';

// Saving without changes, share links (pinned or following the newest, revoked), restoring versions, publishing.
describe.each(harnessBackends)('sharing, history and publishing (%s)', (kind, enabled) => {
  let h: Harness;
  beforeAll(async () => {
    if (enabled) h = await openHarness(kind);
  });
  afterAll(async () => h?.close());
  const dann = templates.find((t) => t.id === 'dann')!.document;
  const edited = { ...dann, name: 'DANN, edited' };

  it.skipIf(!enabled)('saving an unchanged document reuses the newest version', async () => {
    const v1 = await h.caller.graphs.save({ document: dann });
    expect(await h.caller.graphs.save({ id: v1.id, document: dann })).toEqual({ id: v1.id, version: 1, unchanged: true });
    expect(await h.caller.graphs.history({ id: v1.id })).toHaveLength(1);
    expect(await h.caller.graphs.save({ id: v1.id, document: edited, message: 'renamed' })).toEqual({ id: v1.id, version: 2, unchanged: false });
    expect((await h.caller.graphs.history({ id: v1.id }))[0]).toMatchObject({ version: 2, message: 'renamed' });
  });

  it.skipIf(!enabled)('a share link is pinned to a version unless asked to follow the newest; links are reused and revocable', async () => {
    const { id } = await h.caller.graphs.save({ document: dann });
    const pinned = await h.caller.graphs.share({ id });
    expect(pinned.version).toBe(1);
    expect((await h.caller.graphs.share({ id })).token).toBe(pinned.token);
    const latest = await h.caller.graphs.share({ id, latest: true });
    expect(latest.version).toBeNull();
    expect(latest.token).not.toBe(pinned.token);
    await h.caller.graphs.save({ id, document: edited });
    // The pinned link still shows version 1; the other follows to version 2.
    expect(await h.readOnly.graphs.getShared({ token: pinned.token })).toMatchObject({ version: 1, pinned: true, name: dann.name });
    expect(await h.readOnly.graphs.getShared({ token: latest.token })).toMatchObject({ version: 2, pinned: false, name: 'DANN, edited' });
    expect((await h.caller.graphs.shareLinks({ id })).map((l) => l.version).sort()).toEqual([1, null].sort());
    // Visitors cannot list or revoke links.
    expect((await rejection(h.readOnly.graphs.revokeShare({ id, token: pinned.token }))).code).toBe('FORBIDDEN');
    expect((await rejection(h.readOnly.graphs.shareLinks({ id }))).code).toBe('FORBIDDEN');
    await h.caller.graphs.revokeShare({ id, token: pinned.token });
    expect((await rejection(h.readOnly.graphs.getShared({ token: pinned.token }))).code).toBe('NOT_FOUND');
    expect((await rejection(h.caller.graphs.revokeShare({ id, token: pinned.token }))).code).toBe('NOT_FOUND');
    expect((await h.caller.graphs.shareLinks({ id })).map((l) => l.token)).toEqual([latest.token]);
    // A new pinned link after a revoke is a new token.
    expect((await h.caller.graphs.share({ id, version: 1 })).token).not.toBe(pinned.token);
  });

  it.skipIf(!enabled)('restore saves an older version as the newest, keeping history', async () => {
    const { id } = await h.caller.graphs.save({ document: dann });
    await h.caller.graphs.save({ id, document: edited });
    expect(await h.caller.graphs.restore({ id, version: 1 })).toEqual({ id, version: 3, unchanged: false });
    expect((await h.caller.graphs.get({ id })).document).toEqual(dann);
    const history = await h.caller.graphs.history({ id });
    expect(history.map((v) => [v.version, v.message])).toEqual([[3, 'Restored version 1'], [2, null], [1, null]]);
    expect((await rejection(h.caller.graphs.restore({ id, version: 9 }))).code).toBe('NOT_FOUND');
    expect((await rejection(h.readOnly.graphs.restore({ id, version: 1 }))).code).toBe('FORBIDDEN');
  });

  it.skipIf(!enabled)('publish records the author; the same graph twice is one entry; unpublish and delete', async () => {
    const a = await h.caller.templates.saveAsTemplate({ title: 'Shared DANN', description: 'for class', author: 'Ada', document: dann });
    expect(a.duplicate).toBe(false);
    expect(await h.caller.templates.saveAsTemplate({ title: 'Shared DANN', author: 'Ada', document: dann })).toEqual({ id: a.id, duplicate: true });
    expect(await h.caller.templates.get({ id: a.id })).toMatchObject({ author: 'Ada', description: 'for class', published: true });
    const inGallery = async () => (await h.caller.templates.list()).filter((t) => t.id === a.id).length;
    expect(await inGallery()).toBe(1);
    await h.caller.templates.setPublished({ id: a.id, published: false });
    expect(await inGallery()).toBe(0);
    expect((await h.caller.templates.list({ includeUnpublished: true })).find((t) => t.id === a.id)).toMatchObject({ published: false });
    await h.caller.templates.setPublished({ id: a.id, published: true });
    expect(await inGallery()).toBe(1);
    expect((await rejection(h.readOnly.templates.delete({ id: a.id }))).code).toBe('FORBIDDEN');
    expect((await rejection(h.caller.templates.delete({ id: 'dann' }))).code).toBe('BAD_REQUEST');
    await h.caller.templates.delete({ id: a.id });
    expect((await rejection(h.caller.templates.get({ id: a.id }))).code).toBe('NOT_FOUND');
    expect((await rejection(h.caller.templates.delete({ id: a.id }))).code).toBe('NOT_FOUND');
  });
});
