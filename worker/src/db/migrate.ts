/**
 * `npm run db:migrate`: applies the committed migrations (worker/drizzle), never `push`.
 *   DATABASE_URL=postgres://… npm run db:migrate   PostgreSQL or Neon, through the Neon driver
 *   npm run db:migrate                             the embedded PGlite database in DATA_DIR (default .data/)
 */
import { openDataDir } from '../local.ts';
import { migrateDatabaseUrl } from './migrations.ts';

const url = process.env.DATABASE_URL;
if (url) {
  await migrateDatabaseUrl(url, process.env.NEON_WS_PROXY);
  console.log(`migrated ${new URL(url).host}${new URL(url).pathname}`);
} else {
  const dataDir = process.env.DATA_DIR ?? '.data';
  // openDataDir takes the directory lock and migrates.
  const store = await openDataDir(dataDir);
  await store.close();
  console.log(`migrated the embedded database in ${dataDir}`);
}
