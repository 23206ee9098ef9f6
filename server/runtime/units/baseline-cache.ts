import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlanStage } from '../../../formats/training-plan';
import { DEFAULT_VALIDATOR_POINTS } from '../../../formats/validators';
import type { UnitRequest, UnitResult } from './unit-types';

/** Bumped when training or scoring changes, so that results of older code are never reused. */
const CACHE_VERSION = 1;
/** A claim older than this is taken to be held by a dead process and is broken. */
export const STALE_CLAIM_MS = 15 * 60_000;
/** Bytes of stored results kept by default (STEPSTONE_BASELINE_CACHE_MB overrides); least recently used go first. */
export const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;

function budgetFromEnv(): number {
  const mb = Number(process.env.STEPSTONE_BASELINE_CACHE_MB);
  return Number.isFinite(mb) && mb >= 0 ? mb * 1024 * 1024 : DEFAULT_CACHE_BYTES;
}

/** JSON with object keys sorted: equal data, equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What of a method stage a baseline depends on: its optimiser, budget and pools — not its loss weights or λ. */
function stageSignature(stage: PlanStage) {
  const { name: _name, nodeId: _node, losses, ...rest } = stage;
  return { ...rest, losses: losses.map((l) => (l.kind === 'classification' ? { kind: l.kind, domains: l.domains } : { kind: l.kind })) };
}

/**
 * The hash of everything a baseline unit's result depends on: the data (domains, splits, uploads), the network,
 * the method's stages as far as they set the baseline's optimiser and step budget, what is scored, the seed and
 * the backend. Members of a λ sweep share it; members of a learning-rate sweep do not (the baseline uses that rate).
 */
export function baselineKey(req: UnitRequest): string {
  const { plan } = req;
  const ev = plan.evaluation;
  const deps = {
    v: CACHE_VERSION,
    track: req.track,
    seed: req.seed,
    backend: req.backend ?? 'auto',
    uploads: req.uploads,
    domains: plan.domains,
    model: plan.model,
    stages: plan.stages.map(stageSignature),
    evaluation: { targetDomain: ev.targetDomain, metrics: ev.metrics, domainDistances: ev.domainDistances, validatorPoints: ev.validatorPoints ?? DEFAULT_VALIDATOR_POINTS },
  };
  return createHash('sha256').update(canonical(deps)).digest('hex');
}

/** A folder of finished baseline results (`<key>.json`) and claims (`<key>.claim`), shared by every worker. */
export class BaselineCache {
  /** `maxBytes`: the results kept after each store; older sweeps' baselines are evicted least recently used first. */
  constructor(
    readonly dir: string,
    readonly maxBytes: number = budgetFromEnv(),
  ) {}

  private file(key: string, ext: 'json' | 'claim'): string {
    return path.join(this.dir, `${key}.${ext}`);
  }

  async get(key: string): Promise<UnitResult | undefined> {
    try {
      const file = this.file(key, 'json');
      const result = JSON.parse(await readFile(file, 'utf8')) as UnitResult;
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined); // a hit counts as a use for eviction
      return result;
    } catch {
      return undefined;
    }
  }

  /** Takes the right to train `key` (atomic create); false when another process holds a live claim. */
  async claim(key: string): Promise<boolean> {
    await mkdir(this.dir, { recursive: true });
    const file = this.file(key, 'claim');
    try {
      await (await open(file, 'wx')).close();
      return true;
    } catch {
      const age = Date.now() - (await stat(file).then((s) => s.mtimeMs, () => Date.now()));
      if (age < STALE_CLAIM_MS) return false;
      await rm(file, { force: true });
      return this.claim(key);
    }
  }

  /** Stores a result (written whole, then renamed into place) and drops the claim. */
  async put(key: string, result: UnitResult): Promise<void> {
    const tmp = `${this.file(key, 'json')}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(result));
    await rename(tmp, this.file(key, 'json'));
    await this.release(key);
    await this.evict(key);
  }

  /** Deletes least recently used results until the rest fit in maxBytes; the result just stored always stays. */
  async evict(keep: string): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json'));
    const files = await Promise.all(names.map(async (n) => ({ n, s: await stat(path.join(this.dir, n)).catch(() => null) })));
    const live = files.filter((f) => f.s !== null).sort((a, b) => b.s!.mtimeMs - a.s!.mtimeMs);
    let total = 0;
    for (const { n, s } of live) {
      total += s!.size;
      if (total > this.maxBytes && n !== `${keep}.json`) await rm(path.join(this.dir, n), { force: true });
    }
  }

  async release(key: string): Promise<void> {
    await rm(this.file(key, 'claim'), { force: true });
  }

  /** Waits for another process's result; undefined when its claim disappears (it failed) or goes stale. */
  async wait(key: string, signal?: AbortSignal, pollMs = 250): Promise<UnitResult | undefined> {
    for (;;) {
      const found = await this.get(key);
      if (found) return found;
      if (signal?.aborted) return undefined;
      const age = await stat(this.file(key, 'claim')).then((s) => Date.now() - s.mtimeMs, () => Infinity);
      if (age >= STALE_CLAIM_MS) return this.get(key);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}
