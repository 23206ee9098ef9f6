import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { graphs, graphVersions } from './schema';

describe('db client (embedded PGlite)', () => {
  it('persists in its data folder across restarts; migrations apply once', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stepstone-db-'));
    const first = await openDatabase({ databaseUrl: '', dataDir: dir });
    await first.db.insert(graphs).values({ id: 'g1', name: 'kept', latestVersion: 1 });
    await first.db.insert(graphVersions).values({ graphId: 'g1', version: 1, formatVersion: 1, document: { a: 1 }, text: '{"a":1}' });
    await first.close();
    const second = await openDatabase({ databaseUrl: '', dataDir: dir });
    expect(second.kind).toBe('pglite');
    expect((await second.db.select().from(graphs).where(eq(graphs.id, 'g1')))[0]?.name).toBe('kept');
    // Versions are keyed (graph, version): a second row with the same number is refused.
    await expect(second.db.insert(graphVersions).values({ graphId: 'g1', version: 1, formatVersion: 1, document: {}, text: '{}' })).rejects.toThrow();
    await second.close();
  });
});
