import { openDatabase } from './client';

// `npm run db:migrate`: applies db/migrations to DATABASE_URL (PostgreSQL) or the embedded PGlite folder.
const handle = await openDatabase().catch((err: unknown) => {
  // e.g. the embedded database folder is held by a running server: say who, and stop.
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
console.log(`migrations applied (${handle.kind}${handle.url ? ` ${handle.url.replace(/\/\/[^@]*@/, '//***@')}` : ''})`);
await handle.close();
