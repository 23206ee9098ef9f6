import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BaselineCache, STALE_CLAIM_MS } from './baseline-cache';
import type { UnitResult } from './unit-types';

/** A stored result of about `bytes` bytes (its padding is what the budget counts). */
function result(seed: number, bytes = 1000): UnitResult {
  return { track: 'sourceOnly', seed, steps: 1, scores: {}, padding: 'x'.repeat(bytes) } as unknown as UnitResult;
}

/** Sets a file's use time `secondsAgo` in the past (mtimes of files written in one test are otherwise equal). */
async function age(dir: string, key: string, secondsAgo: number): Promise<void> {
  const t = new Date(Date.now() - secondsAgo * 1000);
  await utimes(path.join(dir, `${key}.json`), t, t);
}

describe('BaselineCache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'baselines-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps results within its byte budget, evicting the least recently used first', async () => {
    const cache = new BaselineCache(dir, 2500);
    await cache.put('a', result(0));
    await cache.put('b', result(1));
    await age(dir, 'a', 30);
    await age(dir, 'b', 20);
    expect(await cache.get('a')).toMatchObject({ seed: 0 }); // a hit: a is now the most recently used
    await cache.put('c', result(2));
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'c.json']);
    expect(await cache.get('b')).toBeUndefined();
  });

  it('never evicts the result it has just stored, even when that alone exceeds the budget', async () => {
    const cache = new BaselineCache(dir, 10);
    await cache.put('a', result(0));
    await age(dir, 'a', 10);
    await cache.put('big', result(1, 5000));
    expect(await readdir(dir)).toEqual(['big.json']);
  });

  it('lets one process claim a key; a claim older than the stale limit is broken', async () => {
    const cache = new BaselineCache(dir);
    expect(await cache.claim('k')).toBe(true);
    expect(await cache.claim('k')).toBe(false);
    const old = new Date(Date.now() - STALE_CLAIM_MS - 1000);
    await utimes(path.join(dir, 'k.claim'), old, old);
    expect(await cache.claim('k')).toBe(true);
    await cache.put('k', result(3));
    expect(await readdir(dir)).toEqual(['k.json']); // storing drops the claim
  });
});
