import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { DataFolderLockedError, lockDataFolder } from './folder-lock';
import { graphs } from './schema';

const root = path.resolve(import.meta.dirname, '..');

/** A second process: `tsx -e` opening the same embedded database and holding it until killed. */
function holder(dataDir: string) {
  const script = `import { openDatabase } from './db/client.ts'; await openDatabase({ databaseUrl: '', dataDir: ${JSON.stringify(dataDir)} }); console.log('holding'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const t = setInterval(() => {
      if (out.includes('holding')) resolve();
      else if (child.exitCode !== null) reject(new Error(out));
      else return;
      clearInterval(t);
    }, 50);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => out };
}

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise<{ code: number | null; out: string }>((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

describe('one process per embedded database folder', () => {
  it('a second opener (another process, then migrate) is refused naming the holder; a dead holder is taken over', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stepstone-lock-'));
    const folder = path.join(dataDir, 'db');
    const first = holder(folder);
    await first.ready;
    const err = await openDatabase({ databaseUrl: '', dataDir: folder }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataFolderLockedError);
    expect((err as Error).message).toContain(`in use by another Stepstone process (pid ${first.child.pid}`);
    // `npm run db:migrate` on the same folder exits at once, naming the holder.
    const migrate = await run(['db/migrate-cli.ts'], { STEPSTONE_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(migrate.code).toBe(1);
    expect(migrate.out).toContain(`pid ${first.child.pid}`);
    // The holder dies without cleaning up: its lock is stale and the next opener takes it over.
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(`${folder}.lock`)).toBe(true);
    const handle = await openDatabase({ databaseUrl: '', dataDir: folder });
    expect(await handle.db.select().from(graphs)).toEqual([]); // the database is intact
    await handle.close();
    expect(existsSync(`${folder}.lock`)).toBe(false);
  }, 60_000);

  it("a stale lock (dead pid) is taken over; the next opener is then refused with the new holder's pid", () => {
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'stepstone-lock-')), 'db');
    writeFileSync(`${folder}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), since: 'long ago' }));
    const a = lockDataFolder(folder);
    expect(() => lockDataFolder(folder)).toThrow(`pid ${process.pid}`);
    a.release();
    expect(existsSync(`${folder}.lock`)).toBe(false);
  });
});
