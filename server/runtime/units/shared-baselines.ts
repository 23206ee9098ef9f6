import path from 'node:path';
import type { RunEvent } from '../../../formats/run-events';
import type { TrainingPlan } from '../../../formats/training-plan';
import { BaselineCache, baselineKey } from './baseline-cache';
import type { UnitRequest, UnitResult } from './unit-types';

/** Where sweeps keep shared baselines: STEPSTONE_BASELINE_CACHE_DIR, else <STEPSTONE_DATA_DIR>/baselines. */
export function baselineCacheDir(explicit?: string): string {
  return explicit ?? process.env.STEPSTONE_BASELINE_CACHE_DIR ?? path.join(process.env.STEPSTONE_DATA_DIR ?? 'data-store', 'baselines');
}

export interface SharedBaselines {
  /** Units to train now (the method, and baselines this run claimed). */
  readonly train: UnitRequest[];
  /** Baselines already trained by an identical earlier unit. */
  readonly reused: UnitResult[];
  /** Baselines another process is training right now: waited for after this run's own units. */
  readonly awaited: UnitRequest[];
  /** Stores a finished unit's result when this run claimed it. */
  onResult(req: UnitRequest, result: UnitResult): Promise<void>;
  /** The awaited results (training any whose owner failed), then every claim released. */
  finish(trainNow: (requests: UnitRequest[]) => Promise<UnitResult[]>, signal?: AbortSignal): Promise<UnitResult[]>;
  release(): Promise<void>;
}

/**
 * Baselines identical across a sweep's members (same data, seed, network and budget: baselineKey) train once:
 * the first member to claim a key trains it and stores the result; the others reuse it. Plans outside a sweep
 * train everything themselves.
 */
export async function shareBaselines(plan: TrainingPlan, requests: readonly UnitRequest[], emit: (e: RunEvent) => void, dir?: string): Promise<SharedBaselines> {
  const cache = plan.sweepMember ? new BaselineCache(baselineCacheDir(dir)) : null;
  const claimed = new Map<UnitRequest, string>();
  const train: UnitRequest[] = [];
  const reused: UnitResult[] = [];
  const awaited: UnitRequest[] = [];
  for (const req of requests) {
    if (!cache || req.track === 'method') {
      train.push(req);
      continue;
    }
    const key = baselineKey(req);
    const hit = await cache.get(key);
    if (hit) reused.push(hit);
    else if (await cache.claim(key)) {
      claimed.set(req, key);
      train.push(req);
    } else awaited.push(req);
  }
  for (const u of reused) announce(u, emit);
  const release = async () => {
    await Promise.all([...claimed.values()].map((k) => cache?.release(k)));
  };
  return {
    train,
    reused,
    awaited,
    async onResult(req, result) {
      const key = claimed.get(req);
      if (key && cache) await cache.put(key, result);
    },
    async finish(trainNow, signal) {
      const got: UnitResult[] = [];
      const orphans: UnitRequest[] = [];
      for (const req of awaited) {
        const r = await cache!.wait(baselineKey(req), signal);
        if (r) got.push(r);
        else orphans.push(req);
      }
      for (const u of got) announce(u, emit);
      return [...got, ...(orphans.length > 0 ? await trainNow(orphans) : [])];
    },
    release,
  };
}

/** A reused baseline reports like a trained one (its model event), and says where it came from. */
function announce(u: UnitResult, emit: (e: RunEvent) => void): void {
  emit({ type: 'model', track: u.track, seed: u.seed, steps: u.steps, scores: u.scores, ...(u.featureDistance ? { featureDistance: u.featureDistance } : {}) });
  emit({ type: 'warning', message: `The ${u.track} baseline (seed ${u.seed}) is shared with another member of this sweep: identical data, seed, network and budget, trained once.` });
}
