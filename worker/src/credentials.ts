/**
 * Anonymous contributor credentials. The token is `<installId>.<expiry seconds>.<HMAC>` signed with the server
 * secret, so it is checked without a lookup; the database only ever sees HMAC(secret, installId), which cannot be
 * linked back to an install without the secret.
 */

const encoder = new TextEncoder();

async function hmac(secret: string, message: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Constant-time comparison so a forger learns nothing from response timing. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function installHash(secret: string, installId: string): Promise<string> {
  return hmac(secret, `install:${installId}`).then(hex);
}

export async function issueToken(
  secret: string,
  installId: string,
  expiresAtMs: number,
): Promise<{ token: string; expiresAt: string }> {
  const exp = Math.floor(expiresAtMs / 1000);
  const signature = base64url(await hmac(secret, `token:v1:${installId}:${exp}`));
  return { token: `${installId}.${exp}.${signature}`, expiresAt: new Date(exp * 1000).toISOString() };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export type TokenCheck =
  | { ok: true; installId: string }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export async function verifyToken(secret: string, token: string, nowMs: number): Promise<TokenCheck> {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [installId, expText, signature] = parts as [string, string, string];
  if (!UUID.test(installId) || !/^\d{1,12}$/.test(expText)) return { ok: false, reason: 'malformed' };
  const expected = base64url(await hmac(secret, `token:v1:${installId}:${expText}`));
  if (!sameText(signature, expected)) return { ok: false, reason: 'forged' };
  if (Number(expText) * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, installId };
}
