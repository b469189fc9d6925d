/**
 * VAPID (RFC 8292): the worker signs a short-lived ES256 JWT per push service origin so push services know the
 * sender; the browser subscribed with the same public key. Keys are base64url: the public key as the uncompressed
 * P-256 point browsers take as `applicationServerKey`, the private key as the raw scalar `d`.
 */
import { fromBase64url, toBase64url, utf8 } from './base64url.ts';

export interface VapidBindings {
  VAPID_PUBLIC_KEY?: string;
  VAPID_PRIVATE_KEY?: string;
  /** `mailto:` or `https:` contact the push service can reach the operator at. */
  VAPID_SUBJECT?: string;
}

export interface Vapid {
  publicKey: string;
  privateKey: CryptoKey;
  subject: string;
}

const imported = new WeakMap<object, Promise<Vapid | null>>();

/** null when the deployment has no VAPID keys: push routes then answer 503. Parsed once per env object. */
export function readVapid(env: VapidBindings): Promise<Vapid | null> {
  let out = imported.get(env);
  if (!out) {
    out = importVapid(env);
    imported.set(env, out);
  }
  return out;
}

async function importVapid(env: VapidBindings): Promise<Vapid | null> {
  const { VAPID_PUBLIC_KEY: pub, VAPID_PRIVATE_KEY: d, VAPID_SUBJECT: subject } = env;
  if (!pub || !d) return null;
  const point = fromBase64url(pub);
  if (point.length !== 65 || point[0] !== 4)
    throw new Error('VAPID_PUBLIC_KEY is not an uncompressed P-256 key');
  const jwk: JsonWebKey = {
    kty: 'EC',
    crv: 'P-256',
    x: toBase64url(point.slice(1, 33)),
    y: toBase64url(point.slice(33, 65)),
    d,
  };
  const privateKey = await crypto.subtle.importKey(
    'jwk',
    jwk,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  return { publicKey: pub, privateKey, subject: subject || 'mailto:privacy@companion.invalid' };
}

export async function generateVapidKeys(): Promise<{ publicKey: string; privateKey: string }> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const raw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  return { publicKey: toBase64url(raw), privateKey: jwk.d! };
}

/** The `Authorization` header value for one push request (`vapid t=<jwt>, k=<public key>`). */
export async function vapidAuthorization(endpoint: string, vapid: Vapid, now = Date.now()): Promise<string> {
  const header = toBase64url(utf8(JSON.stringify({ typ: 'JWT', alg: 'ES256' })));
  const claims = toBase64url(
    utf8(
      JSON.stringify({
        aud: new URL(endpoint).origin,
        exp: Math.floor(now / 1000) + 12 * 3600,
        sub: vapid.subject,
      }),
    ),
  );
  const signingInput = `${header}.${claims}`;
  // WebCrypto ECDSA signatures are already the raw r‖s form JWS wants.
  const signature = new Uint8Array(
    await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, vapid.privateKey, utf8(signingInput)),
  );
  return `vapid t=${signingInput}.${toBase64url(signature)}, k=${vapid.publicKey}`;
}
