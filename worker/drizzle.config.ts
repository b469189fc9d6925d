import { defineConfig } from 'drizzle-kit';

// Only `generate` is used (migrations are committed and applied by `npm run db:migrate`, never `push`).
export default defineConfig({
  dialect: 'postgresql',
  schema: './worker/src/db/schema.ts',
  out: './worker/drizzle',
});
