import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Removes temporary upload files left by a process that died mid-upload (<dataDir>/uploads/.tmp).
 * Embedded mode owns its data folder (the database lock), so everything there is an orphan; in server
 * mode other servers may share the folder, so only files older than `olderThanMs` go. Returns how many.
 */
export async function sweepUploadTemp(dataDir: string, olderThanMs: number): Promise<number> {
  // Staged uploads (parsed, waiting for the user's confirmation) live an hour at least, in either mode.
  const staged = await sweepDir(path.join(dataDir, 'uploads', '.staged'), Math.max(olderThanMs, 3_600_000));
  return staged + (await sweepDir(path.join(dataDir, 'uploads', '.tmp'), olderThanMs));
}

async function sweepDir(dir: string, olderThanMs: number): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0; // no uploads yet
  }
  let removed = 0;
  const cutoff = Date.now() - olderThanMs;
  for (const name of names) {
    const p = path.join(dir, name);
    const info = await stat(p).catch(() => undefined);
    if (!info || info.mtimeMs > cutoff) continue;
    await rm(p, { force: true, recursive: true });
    removed++;
  }
  return removed;
}
