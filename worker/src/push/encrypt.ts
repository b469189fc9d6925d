/**
 * RFC 8291 message encryption for Web Push with the RFC 8188 `aes128gcm` content coding, on WebCrypto only
 * (runs in Workers and Node). One record: push services cap bodies at 4096 bytes and our payloads are small.
 */
import { concat, fromBase64url, utf8 } from './base64url.ts';

/** The record size written in the header; a single record always fits. */
const RECORD_SIZE = 4096;
export const MAX_PLAINTEXT = RECORD_SIZE - 16 - 1 - 86; // tag, delimiter, header

async function hkdf(
  salt: Uint8Array<ArrayBuffer>,
  ikm: Uint8Array<ArrayBuffer>,
  info: Uint8Array<ArrayBuffer>,
  bytes: number,
) {
  const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, bytes * 8),
  );
}

/** The content key and nonce both sides derive (RFC 8291 §3.4, RFC 8188 §2.2). */
export async function deriveContentKeys(
  ecdhSecret: Uint8Array<ArrayBuffer>,
  authSecret: Uint8Array<ArrayBuffer>,
  uaPublic: Uint8Array<ArrayBuffer>,
  asPublic: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
): Promise<{ cek: Uint8Array<ArrayBuffer>; nonce: Uint8Array<ArrayBuffer> }> {
  const keyInfo = concat(utf8('WebPush: info\0'), uaPublic, asPublic);
  const ikm = await hkdf(authSecret, ecdhSecret, keyInfo, 32);
  const cek = await hkdf(salt, ikm, utf8('Content-Encoding: aes128gcm\0'), 16);
  const nonce = await hkdf(salt, ikm, utf8('Content-Encoding: nonce\0'), 12);
  return { cek, nonce };
}

export async function ecdh(
  privateKey: CryptoKey,
  publicRaw: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const pub = await crypto.subtle.importKey(
    'raw',
    publicRaw,
    { name: 'ECDH', namedCurve: 'P-256' },
    false,
    [],
  );
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: pub }, privateKey, 256));
}

/**
 * Encrypt `plaintext` for a subscription's `p256dh` (uncompressed P-256 point) and `auth` secret, both base64url.
 * Returns the whole request body: salt ‖ record size ‖ key id length ‖ sender public key ‖ ciphertext.
 */
export async function encryptPushPayload(
  plaintext: Uint8Array<ArrayBuffer>,
  p256dh: string,
  auth: string,
): Promise<Uint8Array<ArrayBuffer>> {
  if (plaintext.length > MAX_PLAINTEXT) throw new Error(`push payload too large (${plaintext.length} bytes)`);
  const uaPublic = fromBase64url(p256dh);
  const authSecret = fromBase64url(auth);
  if (uaPublic.length !== 65 || uaPublic[0] !== 4) throw new Error('p256dh is not an uncompressed P-256 key');
  if (authSecret.length !== 16) throw new Error('auth secret must be 16 bytes');
  const sender = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ])) as CryptoKeyPair;
  const asPublic = new Uint8Array((await crypto.subtle.exportKey('raw', sender.publicKey)) as ArrayBuffer);
  const secret = await ecdh(sender.privateKey, uaPublic);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const { cek, nonce } = await deriveContentKeys(secret, authSecret, uaPublic, asPublic, salt);
  const key = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['encrypt']);
  // 0x02 marks the last (only) record; no extra padding.
  const padded = concat(plaintext, new Uint8Array([2]));
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, key, padded));
  const header = new Uint8Array(21);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(16, RECORD_SIZE);
  header[20] = asPublic.length;
  return concat(header, asPublic, ciphertext);
}
