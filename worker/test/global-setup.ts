/**
 * Runs once, on Node, before the workerd tests: starts the WebSocket→TCP proxy, creates a fresh database
 * (companion_test_<random>) on TEST_DATABASE_URL's server, applies the migrations; drops it all afterwards.
 */
import { neonConfig } from '@neondatabase/serverless';
import type { TestProject } from 'vitest/node';
import ws from 'ws';
import { newPool } from '../src/db/client.ts';
import { migrateDatabaseUrl } from '../src/db/migrations.ts';
import { startWsProxy } from '../src/ws-proxy.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    wsProxy: string;
  }
}

export default async function setup(project: TestProject) {
  neonConfig.webSocketConstructor = ws;
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const proxy = await startWsProxy();
  const wsProxy = `127.0.0.1:${proxy.port}`;
  const admin = newPool(serverUrl, wsProxy, 1);
  const dbName = `companion_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  await migrateDatabaseUrl(databaseUrl, wsProxy);
  project.provide('databaseUrl', databaseUrl);
  project.provide('wsProxy', wsProxy);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await proxy.close();
  };
}
