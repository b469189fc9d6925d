/**
 * The database handle for one request. On Workers a Pool must not outlive its request (sockets are bound to the
 * request that opened them), so every request opens its own and closes it when the response is done.
 */
import { Client, Pool } from '@neondatabase/serverless';
import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-serverless';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  close(): Promise<void>;
}

/**
 * A Client class that reaches PostgreSQL through a plain-WebSocket proxy instead of Neon's TLS endpoint. Set per
 * client (not on the driver's global `neonConfig`) so nothing leaks between environments.
 */
export function proxiedClientClass(proxy: string): typeof Client {
  return class ProxiedClient extends Client {
    constructor(config?: ConstructorParameters<typeof Client>[0]) {
      super(config);
      const c = this.neonConfig;
      c.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
      c.useSecureWebSocket = false;
      c.pipelineTLS = false;
      c.pipelineConnect = false;
    }
  };
}

/** A Pool whose clients go through `wsProxy` when given. */
export function newPool(connectionString: string, wsProxy?: string, max?: number): Pool {
  const pool = new Pool({ connectionString, connectionTimeoutMillis: 10_000, ...(max ? { max } : {}) });
  // Neon's Pool sets its own Client class after construction, so the `Client` pool option is ignored.
  if (wsProxy) pool.Client = proxiedClientClass(wsProxy);
  return pool;
}

export function openNeonDb(databaseUrl: string, wsProxy?: string): DbHandle {
  const pool = newPool(databaseUrl, wsProxy);
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  return { db, close: () => pool.end() };
}

/** Raw SQL rows, whichever driver is underneath (both return `{ rows }`). */
export async function queryRows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
