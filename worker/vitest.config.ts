/**
 * `npm run test:worker`: the API inside workerd (through @cloudflare/vitest-pool-workers) against a fresh
 * PostgreSQL database reached by the Neon driver and the local WebSocket proxy, and the embedded PGlite path on
 * Node. TEST_DATABASE_URL picks the server (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  test: {
    globalSetup: [here('./test/global-setup.ts')],
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: here('./src/index.ts'),
            wrangler: { configPath: here('./wrangler.jsonc') },
            miniflare: {
              bindings: {
                DATABASE_URL: inject('databaseUrl'),
                NEON_WS_PROXY: inject('wsProxy'),
                INSTALL_SECRET: 'test-secret-test-secret-test-secret-0123456789',
                ALLOWED_ORIGINS: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop,moz-extension://*',
                QUOTA_FIRST_DAY: '200',
                QUOTA_MAX: '5000',
              },
              // Tests send many requests from one address; each test that checks limiting uses its own address.
              ratelimits: {
                IP_RATE_LIMITER: { simple: { limit: 100_000, period: 60 } },
                INSTALL_RATE_LIMITER: { simple: { limit: 1000, period: 60 } },
              },
            },
          })),
        ],
        test: {
          name: 'workerd',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // One database for the run: files would race on row counts.
          fileParallelism: false,
          include: [here('./test/**/*.workerd.test.ts')],
        },
      },
      {
        test: {
          name: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          environment: 'node',
          include: [here('./test/**/*.node.test.ts'), here('./src/**/*.test.ts')],
        },
      },
    ],
  },
});
