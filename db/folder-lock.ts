import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';

/** Another live process holds the embedded database folder. */
export class DataFolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The database folder ${folder} is in use by another Stepstone process (pid ${holder.pid}${holder.host !== os.hostname() ? ` on ${holder.host}` : ''}, ` +
        `since ${holder.since}; lock file ${folder}.lock). Stop that process first, or give this one its own STEPSTONE_DATA_DIR. The embedded database ` +
        'allows one process per folder; for several servers and workers use PostgreSQL (DATABASE_URL=postgres://…).',
    );
    this.name = 'DataFolderLockedError';
  }
}

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export interface FolderLock {
  readonly path: string;
  release(): void;
}

const me = (): LockHolder => ({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });

function create(path: string, holder: LockHolder): boolean {
  try {
    writeFileSync(path, JSON.stringify(holder), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? { pid: h.pid, host: h.host, since: String(h.since) } : undefined;
  } catch {
    return undefined; // gone, or being written this very moment
  }
}

/** A holder on this machine whose process still exists (EPERM: it exists, under another user). */
function alive(h: LockHolder): boolean {
  if (h.host !== os.hostname()) return true; // cannot tell: never take over another machine's lock
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Removes a dead holder's lock. Only under a short-lived guard file, and only if the lock still names
 * the same dead pid when re-read under the guard: two processes finding the same stale lock cannot both
 * take it (the second re-reads the first one's fresh lock and stops).
 */
function removeStale(path: string, stale: LockHolder | undefined): void {
  const guard = `${path}.takeover`;
  if (!create(guard, me())) {
    if (ageMs(guard) > 10_000) unlinkSync(guard); // its owner died mid-takeover
    return;
  }
  try {
    const now = readHolder(path);
    const same = now === undefined ? stale === undefined : stale !== undefined && now.pid === stale.pid && now.host === stale.host;
    if (same && (now === undefined ? ageMs(path) > 2000 : !alive(now))) unlinkSync(path);
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Takes the exclusive lock `<folder>.lock` (beside the folder: PGlite wants its folder to itself).
 * Throws DataFolderLockedError naming the holder's pid when a live process has it; a lock left by a
 * dead process is taken over.
 */
export function lockDataFolder(folder: string): FolderLock {
  const path = `${folder}.lock`;
  const holder = me();
  for (let attempt = 0; attempt < 50; attempt++) {
    if (create(path, holder)) return { path, release: () => release(path) };
    const current = readHolder(path);
    if (current && alive(current)) throw new DataFolderLockedError(folder, current);
    removeStale(path, current);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 + attempt * 5);
  }
  throw new Error(`Could not lock the database folder ${folder} (${path} keeps changing). Try again.`);
}

function release(path: string): void {
  const h = readHolder(path);
  if (h?.pid === process.pid && h.host === os.hostname()) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
}
