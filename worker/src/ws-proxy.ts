/**
 * WebSocket → TCP proxy so the Neon driver (which speaks PostgreSQL over WebSockets) reaches a plain PostgreSQL:
 * local dev (`wrangler dev`), the workerd tests and the benchmark. Node only; run alone with
 * `tsx worker/src/ws-proxy.ts [port]`.
 */
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import { WebSocketServer } from 'ws';

/** PostgreSQL's Terminate message: 'X' then int32 length 4. */
const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);

export interface WsProxy {
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 and only forwards to loopback targets: it is a dev tool, not an open relay. */
export async function startWsProxy(options: { port?: number } = {}): Promise<WsProxy> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  wss.on('connection', (ws, req) => {
    const address = new URL(req.url ?? '/', 'http://proxy').searchParams.get('address') ?? '';
    const match = /^(127\.0\.0\.1|localhost|::1):(\d{1,5})$/.exec(address);
    if (!match) {
      ws.close(1008, 'only loopback PostgreSQL targets');
      return;
    }
    const socket = net.connect(Number(match[2]), match[1]);
    socket.setNoDelay(true);
    socket.on('data', (chunk) => ws.send(chunk));
    socket.on('close', () => ws.close());
    socket.on('error', () => ws.terminate());
    ws.on('message', (data: Buffer) => {
      socket.write(data);
      // The Neon client sends Terminate but keeps its socket open; PostgreSQL hangs up on its own, PGlite's socket
      // server does not, so the proxy ends the TCP side itself.
      if (data.length >= 5 && data.subarray(data.length - 5).equals(TERMINATE)) socket.end();
    });
    ws.on('close', () => socket.destroy());
    ws.on('error', () => socket.destroy());
  });
  const addr = wss.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const proxy = await startWsProxy({ port: Number(process.argv[2] ?? 8788) });
  console.log(`ws→tcp proxy on 127.0.0.1:${proxy.port} (NEON_WS_PROXY=127.0.0.1:${proxy.port})`);
}
