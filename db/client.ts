import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { lockDataFolder, type FolderLock } from './folder-lock';
import * as schema from './schema';

/** One drizzle type for both drivers (PGlite embedded, node-postgres in server mode). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** The PostgreSQL URL in server mode (pg-boss and LISTEN/NOTIFY need it). */
  readonly url?: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… → node-postgres; otherwise embedded PGlite. Defaults to DATABASE_URL. */
  readonly databaseUrl?: string;
  /** PGlite data folder, or 'memory://' for an in-memory database. Defaults to STEPSTONE_DATA_DIR/db. */
  readonly dataDir?: string;
  /** Apply migrations (default true). */
  readonly migrate?: boolean;
}

export function migrationsFolder(): string {
  if (process.env.STEPSTONE_MIGRATIONS_DIR) return process.env.STEPSTONE_MIGRATIONS_DIR;
  // Next bundles server code, so import.meta.url may not point into db/; the repo root usually is cwd.
  const fromCwd = path.join(process.cwd(), 'db', 'migrations');
  if (existsSync(fromCwd)) return fromCwd;
  // Not `new URL('./migrations', import.meta.url)`: bundlers would try to resolve that as an asset.
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
}

// The data directory is the user's data, chosen at run time, not part of the app: the ignore comments tell
// Next's build not to trace it (otherwise it traces the whole project and warns).
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.STEPSTONE_DATA_DIR ?? './data-store');
}

// Arbitrary constant: serialises migrations when several workers start at once.
const MIGRATION_LOCK = 73_110_517;

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DbHandle> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  const migrate = options.migrate ?? true;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pg = (await import('pg')).default;
    const { drizzle } = await import('drizzle-orm/node-postgres');
    if (migrate) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
        await run(drizzle(client, { schema }), { migrationsFolder: migrationsFolder() });
      } finally {
        // Ending the session below releases the lock anyway; say so rather than hide it.
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch((err: unknown) => console.error('migration lock not released (the session end releases it):', err instanceof Error ? err.message : err));
        await client.end();
      }
    }
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.STEPSTONE_PG_POOL ?? 10) });
    // An idle connection dropped by the server (restart, admin) must not crash the process; the pool reconnects.
    pool.on('error', (err) => console.error('database connection lost:', err.message));
    const db = drizzle(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', url, close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let dir = options.dataDir ?? path.join(dataDir(), 'db');
  let lock: FolderLock | undefined;
  if (dir !== 'memory://') {
    dir = path.resolve(/*turbopackIgnore: true*/ dir);
    mkdirSync(path.dirname(/*turbopackIgnore: true*/ dir), { recursive: true });
    // PGlite is one process's database: a second opener (server, migrate, script) would corrupt it.
    lock = lockDataFolder(dir);
    process.once('exit', () => lock?.release());
    mkdirSync(dir, { recursive: true });
  }
  try {
    const client = new PGlite(dir);
    await client.waitReady;
    const pdb = drizzle(client, { schema });
    if (migrate) {
      const { migrate: run } = await import('drizzle-orm/pglite/migrator');
      await run(pdb, { migrationsFolder: migrationsFolder() });
    }
    const close = async () => {
      await client.close();
      lock?.release();
    };
    return { db: pdb as unknown as Db, kind: 'pglite', close };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
