/** Applying the committed drizzle-kit migrations (worker/drizzle), never `push`. Node only; CLI in migrate.ts. */
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { neonConfig } from '@neondatabase/serverless';
import { drizzle as drizzleNeon } from 'drizzle-orm/neon-serverless';
import { migrate as migrateNeon } from 'drizzle-orm/neon-serverless/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePgliteDb } from 'drizzle-orm/pglite/migrator';
import ws from 'ws';
import { startWsProxy } from '../ws-proxy.ts';
import { newPool } from './client.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** True for hosts that are plain PostgreSQL on this machine (reached through the local WebSocket proxy). */
export function isLocalPostgres(databaseUrl: string): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(databaseUrl).hostname);
}

/** Migrate a PostgreSQL/Neon database. A local server is reached through a throwaway WebSocket proxy. */
export async function migrateDatabaseUrl(databaseUrl: string, wsProxy?: string): Promise<void> {
  neonConfig.webSocketConstructor = ws;
  let proxy: Awaited<ReturnType<typeof startWsProxy>> | null = null;
  let proxyAddress = wsProxy;
  if (!proxyAddress && isLocalPostgres(databaseUrl)) {
    proxy = await startWsProxy();
    proxyAddress = `127.0.0.1:${proxy.port}`;
  }
  const pool = newPool(databaseUrl, proxyAddress);
  try {
    await migrateNeon(drizzleNeon({ client: pool }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await pool.end();
    await proxy?.close();
  }
}

export async function migratePglite(client: PGlite): Promise<void> {
  await migratePgliteDb(drizzlePglite({ client }), { migrationsFolder: MIGRATIONS_DIR });
}
