/**
 * A loopback stand-in for a browser push service (FCM, Mozilla autopush…). It checks each request the way a real
 * one does — VAPID JWT signed by the key in `k=`, audience = the service's origin, not expired — and decrypts
 * the aes128gcm body with the subscription's private key and auth secret. The decryption is written here with
 * node:crypto, independently of worker/src/push/encrypt.ts (WebCrypto), so a bug cannot cancel itself out.
 */
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Subscriber {
  endpoint: string;
  p256dh: string;
  auth: string;
  decrypt(body: Buffer): string;
}

const b64url = (b: Buffer) => b.toString('base64url');

/** A browser's side of a subscription: an ECDH key pair and an auth secret. */
export function createSubscriber(endpoint: string): Subscriber {
  const ecdh = createECDH('prime256v1');
  const uaPublic = ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    endpoint,
    p256dh: b64url(uaPublic),
    auth: b64url(auth),
    decrypt(body) {
      const salt = body.subarray(0, 16);
      const recordSize = body.readUInt32BE(16);
      const idLength = body[20]!;
      const asPublic = body.subarray(21, 21 + idLength);
      const ciphertext = body.subarray(21 + idLength);
      if (recordSize < 18 || ciphertext.length > recordSize) throw new Error('bad record size');
      const secret = ecdh.computeSecret(asPublic);
      const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
      const ikm = Buffer.from(hkdfSync('sha256', secret, auth, keyInfo, 32));
      const cek = Buffer.from(
        hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16),
      );
      const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
      const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
      decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
      const padded = Buffer.concat([
        decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
        decipher.final(),
      ]);
      let end = padded.length - 1;
      while (end >= 0 && padded[end] === 0) end--;
      if (padded[end] !== 2) throw new Error('missing last-record delimiter');
      return padded.subarray(0, end).toString('utf8');
    },
  };
}

/** Verify `vapid t=<jwt>, k=<key>`; returns the JWT claims. */
export function verifyVapid(
  header: string | undefined,
  audience: string,
  now = Date.now(),
): Record<string, unknown> {
  const m = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(header ?? '');
  if (!m) throw new Error(`bad Authorization header: ${header}`);
  const [, h, c, sig, k] = m;
  const point = Buffer.from(k!, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${h}.${c}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(sig!, 'base64url'),
  );
  if (!ok) throw new Error('VAPID signature does not verify');
  const header_ = JSON.parse(Buffer.from(h!, 'base64url').toString()) as Record<string, unknown>;
  if (header_.alg !== 'ES256') throw new Error('VAPID alg must be ES256');
  const claims = JSON.parse(Buffer.from(c!, 'base64url').toString()) as Record<string, unknown>;
  if (claims.aud !== audience) throw new Error(`VAPID aud ${String(claims.aud)} ≠ ${audience}`);
  const exp = Number(claims.exp);
  if (!(exp > now / 1000) || exp > now / 1000 + 24 * 3600) throw new Error('VAPID exp out of range');
  return { ...claims, k };
}

export interface Delivered {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface PushServiceStandIn {
  /** What the service answers for a path (default 201 Created). */
  statusFor: Map<string, number>;
  delivered: Delivered[];
  /** Rewrites `https://<push host>/path` to this server, as the worker's injected fetch. */
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  close(): Promise<void>;
}

export async function startPushService(): Promise<PushServiceStandIn> {
  const statusFor = new Map<string, number>();
  const delivered: Delivered[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      delivered.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(statusFor.get(path) ?? 201).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    statusFor,
    delivered,
    fetch: (input, init) => {
      const url = new URL(input);
      return fetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, init);
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
