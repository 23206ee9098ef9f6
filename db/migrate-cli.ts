import { openDatabase } from './client';

// `npm run db:migrate`: applies db/migrations to DATABASE_URL (PostgreSQL) or the embedded PGlite folder.
const handle = await openDatabase();
console.log(`migrations applied (${handle.kind}${handle.url ? ` ${handle.url.replace(/\/\/[^@]*@/, '//***@')}` : ''})`);
await handle.close();
