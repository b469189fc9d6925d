import { describe, expect, it } from 'vitest';
import { installHash, issueToken, verifyToken } from './credentials.ts';

const SECRET = 'unit-secret-unit-secret-unit-secret-unit';
const ID = '3f2a9c1e-8b7d-4e6f-9a1b-2c3d4e5f6a7b';

describe('credentials', () => {
  it('verifies its own tokens and refuses forged, expired and malformed ones', async () => {
    const now = Date.now();
    const { token } = await issueToken(SECRET, ID, now + 60_000);
    expect(await verifyToken(SECRET, token, now)).toEqual({ ok: true, installId: ID });
    expect(await verifyToken(`${SECRET}x`, token, now)).toEqual({ ok: false, reason: 'forged' });
    expect(await verifyToken(SECRET, token, now + 120_000)).toEqual({ ok: false, reason: 'expired' });
    expect(await verifyToken(SECRET, `${token}x`, now)).toEqual({ ok: false, reason: 'forged' });
    expect(await verifyToken(SECRET, 'a.b.c', now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('stores installs as a keyed hash that depends on the secret', async () => {
    const h = await installHash(SECRET, ID);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toBe(await installHash(`${SECRET}x`, ID));
  });
});
