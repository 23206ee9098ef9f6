import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations to db/migrations (committed); they apply at start (db/client.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
});
