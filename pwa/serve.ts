/**
 * Serves the built PWA (pwa/dist) on 127.0.0.1 and proxies the API paths (/v1, /health) to `apiUrl`, so the
 * app and its service worker talk to one origin, as they would behind a production route.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const here = import.meta.dirname;
export const DEFAULT_DIST = resolve(here, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  // Streaming WebAssembly compilation (the price model's runtime) requires this type.
  '.wasm': 'application/wasm',
};

export function buildPwa(): void {
  const root = resolve(here, '..');
  const run = spawnSync('npx', ['vite', 'build', '-c', 'pwa/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error(`Building the PWA failed (exit ${run.status}).`);
}

async function proxy(req: IncomingMessage, res: ServerResponse, apiUrl: string): Promise<void> {
  const target = new URL(req.url ?? '/', apiUrl);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'host' || name === 'connection' || value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const upstream = await fetch(target, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
      redirect: 'manual',
    });
    const out: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name))
        out[name] = value;
    });
    res.writeHead(upstream.status, out);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  } catch {
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'unavailable', message: 'API unreachable' } }));
  }
}

async function serveFile(res: ServerResponse, file: string, cache: string): Promise<void> {
  const body = await readFile(file);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

export async function startPwa(options: {
  port: number;
  apiUrl: string;
  /** Another built copy (the update-flow test serves a changed sw.js from one). */
  distDir?: string;
  host?: string;
}): Promise<{ url: string; close: () => Promise<void> }> {
  const dist = options.distDir ?? DEFAULT_DIST;
  if (!existsSync(join(dist, 'index.html'))) {
    if (options.distDir) throw new Error(`No built PWA in ${dist}`);
    buildPwa();
  }
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (path.startsWith('/v1/') || path === '/health') return proxy(req, res, options.apiUrl);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const file = normalize(join(dist, path));
      if (!file.startsWith(dist + sep) && file !== dist) {
        res.writeHead(400).end();
        return;
      }
      if (await isFile(file)) {
        // Hashed assets never change; everything else (sw.js, index.html, manifest) must be revalidated.
        const immutable = path.startsWith('/assets/');
        return serveFile(res, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      }
      if (extname(path) && !path.startsWith('/p/')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      // Client-side routes (/, /p/…, /share?…) get the app shell.
      return serveFile(res, join(dist, 'index.html'), 'no-cache');
    })().catch((error: unknown) => {
      console.error('pwa server error', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pwa = await startPwa({
    port: Number(process.env.PWA_PORT ?? 8788),
    apiUrl: process.env.API_URL ?? 'http://127.0.0.1:8787',
  });
  console.log(`PWA at ${pwa.url}`);
}
