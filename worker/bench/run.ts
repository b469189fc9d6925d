/**
 * `npm run bench:api`: the worker bundle in workerd (wrangler's unstable_startWorker) → Neon driver → WebSocket
 * proxy → local PostgreSQL. Prints: ingest observations/s (batches of 500, concurrency 8), history p50/p95 over a
 * generated data set (default 100k products × 30 days × 4 contributors = 12M observations), a 60 s autocannon
 * run at the measured capacity (p99, errors), and the gzipped bundle size from `wrangler deploy --dry-run`.
 *
 * Env: BENCH_DATABASE_URL (server, default postgres://postgres@127.0.0.1:5432/postgres), BENCH_PRODUCTS,
 * BENCH_DAYS, BENCH_PER_DAY, BENCH_INGEST_OBS (default 200000), BENCH_ZIPF (ingest products Zipf(s) instead of
 * uniform), BENCH_HISTORY_REQUESTS (default 2000),
 * BENCH_LOAD_SECONDS (default 60), BENCH_DROP=1 to drop the data set afterwards (otherwise it is kept in database
 * companion_bench and reused when its size matches).
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { type AddressInfo, connect, createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { neonConfig } from '@neondatabase/serverless';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { unstable_startWorker } from 'wrangler';
import ws from 'ws';
import { type Db, newPool, queryRows } from '../src/db/client.ts';
import { migrateDatabaseUrl } from '../src/db/migrations.ts';
import * as schema from '../src/db/schema.ts';
import { recomputeRollups, type SeriesDay } from '../src/rollup.ts';
import { cpuWindow } from './cpu-by-process.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PRODUCTS = env('BENCH_PRODUCTS', 100_000);
const DAYS = env('BENCH_DAYS', 30);
const PER_DAY = env('BENCH_PER_DAY', 4);
const INGEST_OBS = env('BENCH_INGEST_OBS', 200_000);
const HISTORY_REQUESTS = env('BENCH_HISTORY_REQUESTS', 2000);
const LOAD_SECONDS = env('BENCH_LOAD_SECONDS', 60);
const BATCH = 500;
const CONCURRENCY = 8;
const PRODUCT_BASE = 3_000_000_000_000;
const workerDir = fileURLToPath(new URL('..', import.meta.url));

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const randomProduct = () => String(PRODUCT_BASE + 1 + Math.floor(Math.random() * PRODUCTS));
/**
 * Products of the ingest batches: uniform by default; BENCH_ZIPF=s draws them Zipf(s)-distributed instead (the
 * product of rank k with weight 1/k^s, ranks scattered over the ids), closer to real traffic where a few
 * products get most page views, so concurrent batches share far more series-days.
 */
const ZIPF = env('BENCH_ZIPF', 0);
const ingestProduct = (() => {
  if (ZIPF <= 0) return randomProduct;
  const cumulative = new Float64Array(PRODUCTS);
  let total = 0;
  for (let k = 1; k <= PRODUCTS; k++) cumulative[k - 1] = total += 1 / k ** ZIPF;
  return () => {
    const u = Math.random() * total;
    let lo = 0;
    let hi = PRODUCTS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    // A fixed odd multiplier modulo PRODUCTS maps ranks 0.. to scattered product numbers.
    return String(PRODUCT_BASE + 1 + ((lo * 7919) % PRODUCTS));
  };
})();

/** The proxy relays every database byte: in its own process it gets a core of its own instead of sharing ours. */
async function spawnProxy(): Promise<{ port: number; pid: number; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(workerDir, 'src/ws-proxy.ts'), '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Even if the benchmark dies, its helpers must not outlive it.
  process.once('exit', () => child.kill('SIGTERM'));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const m = /127\.0\.0\.1:(\d+)/.exec(chunk.toString());
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`ws proxy exited with ${code}`)));
  });
  return {
    port,
    pid: child.pid ?? -1,
    close: async () => {
      child.kill('SIGTERM');
    },
  };
}

/**
 * PgBouncer in transaction mode in front of PostgreSQL, as Neon's pooled endpoint (`-pooler` host) does in
 * production: every Worker request opens a new connection, and without a pooler each one forks a backend.
 * Skipped (direct connections) when the binary is missing or BENCH_POOLER=0.
 */
async function startPooler(server: URL): Promise<{ port: number; close(): void } | null> {
  const bin = '/usr/sbin/pgbouncer';
  if (process.env.BENCH_POOLER === '0' || !existsSync(bin)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'companion-pgbouncer-'));
  chmodSync(dir, 0o777);
  // A port the kernel just handed out and released: a random one was sometimes taken (PgBouncer then exits
  // and every Worker request fails).
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  writeFileSync(join(dir, 'users.txt'), `"${server.username || 'postgres'}" ""\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || 5432}`,
      '[pgbouncer]',
      `listen_addr = 127.0.0.1`,
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 2000',
      `default_pool_size = ${env('BENCH_POOL_SIZE', 12)}`,
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
    ].join('\n'),
  );
  // PgBouncer refuses to run as root; -u drops to the postgres user.
  const args =
    process.getuid?.() === 0
      ? ['-d', '-u', 'postgres', join(dir, 'pgbouncer.ini')]
      : ['-d', join(dir, 'pgbouncer.ini')];
  execFileSync(bin, args, { stdio: 'inherit' });
  // `-d` returns before the daemon has bound its port; it may also have died: wait for it to accept.
  for (let attempt = 0; ; attempt++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    if (attempt === 50) throw new Error(`PgBouncer did not start; see ${join(dir, 'pgbouncer.log')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () => {
    try {
      process.kill(Number(readFileSync(join(dir, 'pgbouncer.pid'), 'utf8')), 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', stop);
  return {
    port,
    close: () => {
      stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

neonConfig.webSocketConstructor = ws;
// Offline machine: miniflare would try (and loudly fail) to download the `Request.cf` sample on every start.
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
const proxy = await spawnProxy();
const wsProxy = `127.0.0.1:${proxy.port}`;
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbUrl = new URL(serverUrl);
dbUrl.pathname = '/companion_bench';
const databaseUrl = dbUrl.toString();
const pooler = await startPooler(new URL(serverUrl));
const workerDbUrl = new URL(databaseUrl);
if (pooler) workerDbUrl.port = String(pooler.port);
const admin = newPool(serverUrl, wsProxy, 1);
const pool = newPool(databaseUrl, wsProxy, 4);
// Dropping a stale companion_bench terminates this pool's idle connection: not an error worth dying for.
pool.on('error', () => {});
const figures: Record<string, string> = {};

async function prepareData(): Promise<void> {
  const wanted = `${PRODUCTS}x${DAYS}x${PER_DAY}`;
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'companion_bench'`)).rowCount;
  if (exists) {
    const meta = await pool.query(`SELECT v FROM bench_meta WHERE k = 'size'`).catch(() => ({ rows: [] }));
    if (meta.rows[0]?.v === wanted) {
      // Data sets generated before a schema change get it (and its backfill) like a production database.
      await migrateDatabaseUrl(databaseUrl, wsProxy);
      await eraseEarlierRuns();
      log(`reusing data set ${wanted} in companion_bench`);
      return;
    }
    await admin.query('DROP DATABASE companion_bench WITH (FORCE)');
  }
  await admin.query('CREATE DATABASE companion_bench');
  await migrateDatabaseUrl(databaseUrl, wsProxy);
  const total = PRODUCTS * DAYS * PER_DAY;
  log(
    `generating ${fmt(total)} observations (${fmt(PRODUCTS)} products × ${DAYS} days × ${PER_DAY}) server-side…`,
  );
  const started = performance.now();
  await pool.query(
    `INSERT INTO contributors (install_hash, created_at) SELECT 'bench-' || g, now() - interval '90 days' FROM generate_series(1, 1000) g`,
  );
  const chunk = 10_000;
  for (let from = 1; from <= PRODUCTS; from += chunk) {
    const to = Math.min(PRODUCTS, from + chunk - 1);
    // Each product has a base price; contributors see it give or take a few cents.
    await pool.query(
      `SET synchronous_commit = off;
       INSERT INTO observations (contributor_id, product_id, sku_id, currency, region, day, price, observed_at)
       SELECT c.min_id + ((p * ${PER_DAY} + j) % 1000), (${PRODUCT_BASE} + p)::text, '', 'USD', 'US',
              current_date - k, 500 + (p * 7919) % 20000 + ((p + k * 31 + j * 17) % 11) - 5,
              (current_date - k) + time '12:00'
       FROM generate_series(${from}, ${to}) p, generate_series(0, ${DAYS - 1}) k, generate_series(1, ${PER_DAY}) j,
            (SELECT min(id) AS min_id FROM contributors) c`,
    );
    // Rollups of generated reads by SQL (one read per contributor and day, no outliers: the app's robust
    // aggregate reduces to the plain median here).
    await pool.query(
      `INSERT INTO daily_prices (product_id, currency, region, sku_id, day, min_price, median_price, max_price,
                                 observations, contributors, confirmed, flagged, reads)
       SELECT product_id, currency, region, sku_id, day, min(price),
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY price))::bigint, max(price), count(*),
              count(DISTINCT contributor_id), count(DISTINCT contributor_id) >= 2, false,
              -- The counted reads, flat (rollup.ts): (contributor, price, unflagged) triples.
              array(SELECT unnest(array_agg(ARRAY[contributor_id, price, 0] ORDER BY contributor_id, price)))
       FROM observations
       WHERE product_id BETWEEN '${PRODUCT_BASE + from}' AND '${PRODUCT_BASE + to}'
       GROUP BY product_id, currency, region, sku_id, day`,
    );
    if ((to / chunk) % 2 === 0 || to === PRODUCTS) log(`  ${fmt(to)} / ${fmt(PRODUCTS)} products`);
  }
  await pool.query('VACUUM ANALYZE observations');
  await pool.query('VACUUM ANALYZE daily_prices');
  await pool.query(
    `CREATE TABLE bench_meta (k text PRIMARY KEY, v text); INSERT INTO bench_meta VALUES ('size', '${wanted}')`,
  );
  log(`generated in ${fmt((performance.now() - started) / 1000, 1)} s`);
}

/**
 * Ingest rows from earlier runs only add to today's rollups: erase them the way `DELETE /v1/contributions` does
 * (raw rows, then the rollups rebuilt from what is left), so every run starts alike and the rollup rows' counted
 * reads stay those of the raw rows. The rows left publishing nothing are dropped too: nothing else writes now.
 */
async function eraseEarlierRuns(): Promise<void> {
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  const keys = await queryRows<SeriesDay>(
    db,
    sql`DELETE FROM observations
        WHERE contributor_id IN (SELECT id FROM contributors WHERE install_hash NOT LIKE 'bench-%')
        RETURNING product_id AS "productId", currency, region, sku_id AS "skuId", day::text AS day`,
  );
  const chunk = 20_000;
  for (let i = 0; i < keys.length; i += chunk)
    await db.transaction((tx) => recomputeRollups(tx, keys.slice(i, i + chunk)));
  await pool.query(`DELETE FROM contributors WHERE install_hash NOT LIKE 'bench-%'`);
  await pool.query(`DELETE FROM daily_prices WHERE contributors = 0 AND reads = '{}'`);
  // The erasure and the previous run leave ≈ 10⁶ dead row versions that autovacuum, on this busy machine, may not
  // have reached yet: each run would start on a more bloated table than the last (measured: database CPU per
  // batch 27–28 → 33–35 ms). Start every run clean, as a steadily vacuumed production table would be.
  await pool.query('VACUUM (ANALYZE) daily_prices');
  await pool.query('VACUUM (ANALYZE) observations');
  if (keys.length) log(`erased ${fmt(keys.length)} observations of earlier runs`);
}

async function startWorker() {
  // The committed wrangler.jsonc with the limits a benchmark needs: one client address and a handful of
  // credentials send everything, so per-IP limits and first-day quotas are lifted.
  const source = readFileSync(join(workerDir, 'wrangler.jsonc'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const config = JSON.parse(source);
  config.main = join(workerDir, 'src/index.ts');
  config.vars = { ...config.vars, QUOTA_FIRST_DAY: '100000000', QUOTA_MAX: '100000000' };
  config.ratelimits = config.ratelimits.map((r: { simple: object }) => ({
    ...r,
    simple: { limit: 1_000_000_000, period: 60 },
  }));
  delete config.$schema;
  const dir = mkdtempSync(join(tmpdir(), 'companion-bench-'));
  const configPath = join(dir, 'wrangler.json');
  writeFileSync(configPath, JSON.stringify(config));
  const worker = await unstable_startWorker({
    config: configPath,
    bindings: {
      DATABASE_URL: { type: 'plain_text', value: workerDbUrl.toString() },
      NEON_WS_PROXY: { type: 'plain_text', value: wsProxy },
      INSTALL_SECRET: { type: 'plain_text', value: 'bench-secret-bench-secret-bench-secret-0123' },
    },
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      watch: false,
      logLevel: (process.env.BENCH_LOG_LEVEL ?? 'warn') as 'warn',
    },
  });
  await worker.ready;
  const url = (await worker.url).toString().replace(/\/$/, '');
  return {
    url,
    dispose: async () => {
      await worker.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function benchIngest(url: string) {
  const batches = Math.ceil(INGEST_OBS / BATCH);
  // Uniform mode: 8 credentials send everything. Zipf mode models shoppers: each batch is one credential's
  // upload and names a product at most once (a shopper does not report one page hundreds of times a day).
  const tokens: string[] = [];
  for (let i = 0; i < (ZIPF > 0 ? batches : CONCURRENCY); i++) {
    const res = await fetch(`${url}/v1/installs`, { method: 'POST' });
    tokens.push(((await res.json()) as { token: string }).token);
  }
  const observedAt = new Date(Date.now() - 60_000).toISOString();
  const distinctProducts = () => {
    const seen = new Set<string>();
    return () => {
      let p = ingestProduct();
      while (ZIPF > 0 && seen.has(p)) p = ingestProduct();
      seen.add(p);
      return p;
    };
  };
  const makeBatch = () => {
    const product = distinctProducts();
    return JSON.stringify({
      observations: Array.from({ length: BATCH }, () => ({
        productId: product(),
        skuId: Math.random() < 0.5 ? null : String(12_000_000_000 + Math.floor(Math.random() * 1e6)),
        currency: 'USD',
        region: 'US',
        price: (5 + Math.random() * 200).toFixed(2),
        observedAt,
      })),
    });
  };
  // Bodies are built before the clock starts: the client's JSON work is not the server's throughput.
  const bodies = Array.from({ length: batches }, makeBatch);
  log(`ingesting ${fmt(batches)} batches of ${BATCH} at concurrency ${CONCURRENCY}…`);
  let next = 0;
  let accepted = 0;
  let failures = 0;
  const cpu = cpuWindow(
    new Map([
      [process.pid, 'benchmark client'],
      [proxy.pid, 'ws proxy'],
    ]),
  );
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (next < batches) {
        const token = tokens[ZIPF > 0 ? next : worker]!;
        const body = bodies[next++]!;
        const res = await fetch(`${url}/v1/observations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        const json = (await res.json()) as { accepted?: number };
        if (res.status === 202) accepted += json.accepted ?? 0;
        else failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const spent = cpu.stop();
  const total = spent.reduce((n, [, ms]) => n + ms, 0);
  figures.ingest =
    `${ZIPF > 0 ? `[products Zipf(${ZIPF})] ` : ''}${fmt(accepted / seconds)} observations/s (${fmt(accepted)} accepted in ${batches} batches of ${BATCH}, ` +
    `concurrency ${CONCURRENCY}, ${fmt(seconds, 1)} s, ${failures} failed batches)`;
  // Every process on the machine, not only ours: what else ran shows here too.
  figures['ingest CPU'] =
    `${fmt(total / batches, 1)} ms per batch on ${fmt(total / 1000 / seconds, 2)} of ${cpus().length} cores: ` +
    spent
      .filter(([, ms]) => ms / batches >= 0.1)
      .map(([name, ms]) => `${name} ${fmt(ms / batches, 1)}`)
      .join(', ');
  log(`ingest: ${figures.ingest}`);
  log(`ingest CPU (all processes on the machine, ms per batch): ${figures['ingest CPU']}`);
}

async function benchHistory(url: string) {
  for (let i = 0; i < 50; i++)
    await (
      await fetch(`${url}/v1/products/${randomProduct()}/history?currency=USD&region=US&days=30`)
    ).text();
  const times: number[] = [];
  let nonEmpty = 0;
  for (let i = 0; i < HISTORY_REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}/v1/products/${randomProduct()}/history?currency=USD&region=US&days=30`);
    const body = (await res.json()) as { days: unknown[] };
    times.push(performance.now() - t0);
    if (res.status === 200 && body.days.length >= DAYS) nonEmpty++;
  }
  times.sort((a, b) => a - b);
  figures['history HTTP'] =
    `p50 ${fmt(pct(times, 0.5), 2)} ms, p95 ${fmt(pct(times, 0.95), 2)} ms, p99 ${fmt(pct(times, 0.99), 2)} ms ` +
    `(${HISTORY_REQUESTS} sequential requests, ${nonEmpty} with ≥ ${DAYS} days)`;
  log(`history through workerd: ${figures['history HTTP']}`);

  // The same query on a warm connection: what the database itself costs, without per-request connection setup.
  const client = await pool.connect();
  const sqlTimes: number[] = [];
  for (let i = 0; i < HISTORY_REQUESTS; i++) {
    const t0 = performance.now();
    await client.query(
      `SELECT day, min_price, median_price, max_price, observations, contributors, confirmed FROM daily_prices
       WHERE product_id = $1 AND currency = 'USD' AND region = 'US' AND sku_id = '' AND day >= current_date - 29
         AND contributors > 0
       ORDER BY day`,
      [randomProduct()],
    );
    sqlTimes.push(performance.now() - t0);
  }
  client.release();
  sqlTimes.sort((a, b) => a - b);
  figures['history SQL'] =
    `p50 ${fmt(pct(sqlTimes, 0.5), 2)} ms, p95 ${fmt(pct(sqlTimes, 0.95), 2)} ms (warm connection)`;
  log(`history query alone: ${figures['history SQL']}`);
}

async function benchLoad(url: string) {
  const request = {
    method: 'GET',
    setupRequest: (req: object) => ({
      ...req,
      path: `/v1/products/${randomProduct()}/history?currency=USD&region=US&days=30`,
    }),
  };
  log('measuring capacity (15 s, 16 connections)…');
  const probe = await autocannon({ url, connections: 16, duration: 15, requests: [request] });
  const capacity = Math.floor(probe.requests.average);
  figures.capacity = `${fmt(capacity)} req/s (history, p99 ${probe.latency.p99} ms, ${probe.errors + probe.non2xx} errors)`;
  log(`capacity: ${figures.capacity}`);
  log(`load test: ${LOAD_SECONDS} s at ${fmt(capacity)} req/s…`);
  const load = await autocannon({
    url,
    connections: 32,
    duration: LOAD_SECONDS,
    overallRate: capacity,
    timeout: 10,
    requests: [request],
  });
  figures['load test'] =
    `${fmt(load.requests.average)} req/s for ${LOAD_SECONDS} s: p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ` +
    `max ${load.latency.max} ms; errors ${load.errors}, timeouts ${load.timeouts}, non-2xx ${load.non2xx}, ` +
    `2xx ${fmt(load['2xx'])}`;
  log(`load: ${figures['load test']}`);
}

function bundleSize() {
  const out = mkdtempSync(join(tmpdir(), 'companion-bundle-'));
  execFileSync(
    'npx',
    ['wrangler', 'deploy', '--dry-run', '--outdir', out, '-c', join(workerDir, 'wrangler.jsonc')],
    {
      stdio: 'pipe',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    },
  );
  let raw = 0;
  let gz = 0;
  for (const f of readdirSync(out)) {
    if (!/\.(m?js|wasm)$/.test(f)) continue;
    const bytes = readFileSync(join(out, f));
    raw += statSync(join(out, f)).size;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  rmSync(out, { recursive: true, force: true });
  figures.bundle = `${fmt(gz / 1024, 1)} KiB gzipped (${fmt(raw / 1024, 1)} KiB raw)`;
  log(`bundle: ${figures.bundle}`);
}

try {
  bundleSize();
  await prepareData();
  const worker = await startWorker();
  try {
    await benchIngest(worker.url);
    await benchHistory(worker.url);
    await benchLoad(worker.url);
  } finally {
    await worker.dispose();
  }
  const [{ n }] = (await pool.query('SELECT count(*)::bigint AS n FROM observations')).rows as [
    { n: string },
  ];
  const path = pooler ? 'PgBouncer (transaction pooling) → PostgreSQL 15' : 'PostgreSQL 15 (direct)';
  console.log(
    `\nEdge API benchmark: workerd + Neon driver → WebSocket proxy → ${path}; ${cpus().length} cores`,
  );
  console.log(
    `  load average    ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (other processes share these cores)`,
  );
  console.log(`  data set        ${fmt(Number(n))} observations, ${fmt(PRODUCTS)} products`);
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(15)} ${v}`);
} finally {
  await pool.end();
  if (process.env.BENCH_DROP === '1')
    await admin.query('DROP DATABASE IF EXISTS companion_bench WITH (FORCE)');
  await admin.end();
  await proxy.close();
  pooler?.close();
}
