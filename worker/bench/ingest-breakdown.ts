/**
 * `npx tsx worker/bench/ingest-breakdown.ts`: where one 500-item ingest batch spends its time, on one warm
 * connection to the `companion_bench` database that `npm run bench:api` creates (it must exist). Prints the
 * median time of each statement of `storeBatch`, the locked section (rollup rows locked: their write + COMMIT,
 * which bounds throughput when concurrent batches share series-days) and the CPU time the PostgreSQL backend
 * spent per batch (read from /proc: far less sensitive to other processes than wall-clock times).
 *
 * Env: BENCH_DATABASE_URL (server, default postgres://postgres@127.0.0.1:5432/postgres), BREAKDOWN_BATCHES
 * (default 30). Rows go to a fresh credential whose install hash does not start with `bench-`, so the next
 * `npm run bench:api` clears them.
 */
import { readFileSync } from 'node:fs';
import { neonConfig } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import ws from 'ws';
import type { ValidObservation } from '../../shared/api.ts';
import { utcDay } from '../../shared/history.ts';
import { type Db, newPool } from '../src/db/client.ts';
import * as schema from '../src/db/schema.ts';
import { storeBatch } from '../src/ingest.ts';
import { startWsProxy } from '../src/ws-proxy.ts';

const BATCHES = Number(process.env.BREAKDOWN_BATCHES ?? 30);
const PRODUCT_BASE = 3_000_000_000_000;
const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
url.pathname = '/companion_bench';

neonConfig.webSocketConstructor = ws;
const proxy = await startWsProxy();
const pool = newPool(url.toString(), `127.0.0.1:${proxy.port}`, 1);
const db = drizzle({ client: pool, schema }) as unknown as Db;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

/** The same mix as bench:api: random products of the generated set, half without a SKU, random prices. */
const batch = (): ValidObservation[] =>
  Array.from({ length: 500 }, () => ({
    productId: String(PRODUCT_BASE + 1 + Math.floor(Math.random() * 100_000)),
    skuId: Math.random() < 0.5 ? null : String(12_000_000_000 + Math.floor(Math.random() * 1e6)),
    currency: 'USD',
    region: 'US',
    price: Math.round(500 + Math.random() * 20_000),
    originalPrice: null,
    shipping: null,
    observedAt: Date.now() - 60_000,
    flags: [],
  }));

/** `tx` with every execute timed into `log`. */
function timed(tx: Db, log: number[]): Db {
  return new Proxy(tx, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (key !== 'execute') return value;
      return async (query: unknown) => {
        const t0 = performance.now();
        try {
          return await value.call(target, query);
        } finally {
          log.push(performance.now() - t0);
        }
      };
    },
  });
}

try {
  const client = await pool.connect();
  const [{ id, pid }] = (
    await client.query(
      `INSERT INTO contributors (install_hash) VALUES ('breakdown-' || gen_random_uuid())
       RETURNING id, pg_backend_pid() AS pid`,
    )
  ).rows as [{ id: number; pid: number }];
  client.release();
  // utime + stime of the backend, in ms (USER_HZ is 100 on Linux).
  const backendCpu = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const steps: number[][] = [];
  const commits: number[] = [];
  const totals: number[] = [];
  let cpu = 0;
  for (let i = 0; i < BATCHES + 2; i++) {
    const rows = batch();
    const log: number[] = [];
    const cpu0 = backendCpu();
    const t0 = performance.now();
    let lastStatement = 0;
    await db.transaction(async (tx) => {
      await storeBatch(timed(tx, log), {
        contributorId: Number(id),
        today: utcDay(Date.now()),
        quota: 1e9,
        rows,
      });
      lastStatement = performance.now();
    });
    const end = performance.now();
    // The first two warm the connection and the plan caches.
    if (i < 2) continue;
    cpu += backendCpu() - cpu0;
    steps.push(log);
    commits.push(end - lastStatement);
    totals.push(end - t0);
  }
  const [first, rollup] = [0, 1].map((j) => median(steps.map((s) => s[j] ?? 0)));
  const locked = median(steps.map((s, i) => (s[1] ?? 0) + commits[i]!));
  const f = (n: number) => `${n.toFixed(1)} ms`;
  console.log(
    `ingest breakdown, ${BATCHES} batches of 500 (medians; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}):`,
  );
  console.log(`  quota + insert + rollup rows read     ${f(first!)}`);
  console.log(`  rollup rows written                  ${f(rollup!)}`);
  console.log(`  commit                               ${f(median(commits))}`);
  console.log(`  locked section (write + commit)      ${f(locked)}`);
  console.log(`  whole transaction                    ${f(median(totals))}`);
  console.log(`  PostgreSQL backend CPU per batch     ${f(cpu / BATCHES)}`);
} finally {
  await pool.end();
  await proxy.close();
}
