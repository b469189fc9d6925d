/**
 * The embedded path: the same app and the same suite on Node, with PGlite in a temporary data directory, plus the
 * Node server itself (startApi) and its guard against a second process on one directory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { Bindings } from '../src/env.ts';
import { type DataDir, openDataDir, startApi } from '../src/local.ts';
import { MemoryRateLimiter } from '../src/rate-limit.ts';
import { apiSuite } from './api-suite.ts';
import type { ApiTarget } from './target.ts';

const SECRET = 'node-test-secret-node-test-secret-0123456789';
let dir: string;
let store: DataDir;
let target: ApiTarget;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'companion-api-'));
  store = await openDataDir(dir);
  const app = createApp();
  const env: Bindings = {
    INSTALL_SECRET: SECRET,
    ALLOWED_ORIGINS: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop,moz-extension://*',
    IP_RATE_LIMITER: new MemoryRateLimiter({ limit: 100_000, periodSeconds: 60 }),
    INSTALL_RATE_LIMITER: new MemoryRateLimiter({ limit: 1000, periodSeconds: 60 }),
    LOCAL_DB: store.db,
  };
  target = {
    name: 'Node + PGlite',
    installSecret: SECRET,
    async fetch(path, init = {}) {
      const { ip = '198.51.100.200', ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('cf-connecting-ip', ip);
      return app.request(path, { ...rest, headers }, env);
    },
    async query(text, params = []) {
      return (await store.pglite.query(text, params)).rows as never[];
    },
  };
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

apiSuite(() => target);

describe('Node server (npm run api)', () => {
  it('serves over HTTP on 127.0.0.1 and refuses a second process on the same data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'companion-api-http-'));
    const api = await startApi({ port: 0, dataDir });
    try {
      const res = await fetch(`${api.url}/health`);
      expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
      const install = await fetch(`${api.url}/v1/installs`, { method: 'POST' });
      expect(install.status).toBe(201);
      await expect(startApi({ port: 0, dataDir })).rejects.toThrow(/in use by process \d+/);
    } finally {
      await api.close();
    }
    // A lock left by a process that is gone is taken over.
    writeFileSync(join(dataDir, 'api.lock'), '999999999');
    const again = await startApi({ port: 0, dataDir });
    expect((await fetch(`${again.url}/health`)).status).toBe(200);
    await again.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
