/**
 * The same app on Node with an embedded PostgreSQL (PGlite) in a data directory: `npm run api`, and `startApi()`
 * for scripts/start.ts. Env: PORT (default 8787), DATA_DIR (default .data/), INSTALL_SECRET (otherwise one is
 * generated and kept in the data directory), ALLOWED_ORIGINS (default: any extension origin and localhost).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { serve } from '@hono/node-server';
import { drizzle } from 'drizzle-orm/pglite';
import { createApp } from './app.ts';
import type { Db } from './db/client.ts';
import { migratePglite } from './db/migrations.ts';
import * as schema from './db/schema.ts';
import type { Bindings } from './env.ts';
import { localVapidKeys, startLocalPushAlerts } from './push/local-push.ts';
import { MemoryRateLimiter } from './rate-limit.ts';

const LOCK_FILE = 'api.lock';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite does not lock its directory and two processes writing one data directory corrupt it: take a lock file
 * holding our PID, and take over a stale one whose process is gone.
 */
function acquireLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {
          // Already gone.
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
        throw new Error(
          `${dir} is in use by process ${pid} (lock file ${path}); stop it or use another DATA_DIR`,
        );
      }
      unlinkSync(path);
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

export interface DataDir {
  pglite: PGlite;
  db: Db;
  installSecret: string;
  close(): Promise<void>;
}

/** Lock, open and migrate the embedded database in `dataDir`. */
export async function openDataDir(dataDir: string): Promise<DataDir> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const release = acquireLock(dir);
  try {
    const pglite = new PGlite(join(dir, 'pgdata'));
    await migratePglite(pglite);
    const secretPath = join(dir, 'install-secret');
    if (!existsSync(secretPath)) writeFileSync(secretPath, randomBytes(32).toString('hex'), { mode: 0o600 });
    const installSecret = readFileSync(secretPath, 'utf8').trim();
    const db = drizzle({ client: pglite, schema }) as unknown as Db;
    return {
      pglite,
      db,
      installSecret,
      close: async () => {
        await pglite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

export interface RunningApi {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startApi(options: { port?: number; dataDir?: string; env?: Partial<Bindings> } = {}) {
  const store = await openDataDir(options.dataDir ?? '.data');
  const bindings: Bindings = {
    INSTALL_SECRET: process.env.INSTALL_SECRET ?? store.installSecret,
    ALLOWED_ORIGINS:
      process.env.ALLOWED_ORIGINS ??
      'chrome-extension://*,moz-extension://*,http://localhost:*,http://127.0.0.1:*',
    IP_RATE_LIMITER: new MemoryRateLimiter({ limit: 300, periodSeconds: 60 }),
    INSTALL_RATE_LIMITER: new MemoryRateLimiter({ limit: 5, periodSeconds: 60 }),
    LOCAL_DB: store.db,
    ...(await localVapidKeys(resolve(options.dataDir ?? '.data'))),
    ...options.env,
  };
  const app = createApp();
  const stopPushAlerts = startLocalPushAlerts(bindings);
  const server = serve({
    hostname: '127.0.0.1',
    port: options.port ?? 8787,
    fetch: (req, nodeEnv) => {
      // The rate limiter keys on CF-Connecting-IP, which only Cloudflare may set: replace it with the socket's.
      const headers = new Headers(req.headers);
      headers.set(
        'cf-connecting-ip',
        ('incoming' in nodeEnv && nodeEnv.incoming.socket.remoteAddress) || 'unknown',
      );
      const body = req.method === 'GET' || req.method === 'HEAD' ? null : req.body;
      return app.fetch(
        new Request(req.url, { method: req.method, headers, body, duplex: 'half' } as RequestInit),
        bindings,
      );
    },
  });
  await new Promise<void>((resolveListening, reject) => {
    if (server.listening) resolveListening();
    server.once('listening', () => resolveListening());
    server.once('error', reject);
  }).catch(async (err) => {
    await store.close();
    throw err;
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      stopPushAlerts();
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
    },
  } satisfies RunningApi;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const api = await startApi({
    port: Number(process.env.PORT ?? 8787),
    dataDir: process.env.DATA_DIR ?? '.data',
  });
  console.log(`API on ${api.url} (data: ${resolve(process.env.DATA_DIR ?? '.data')})`);
  const stop = () => {
    api.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
