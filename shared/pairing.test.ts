import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAIR_LIMITS } from './api-pwa.ts';
import {
  derivePairKeys,
  formatPairCode,
  mergeForSharing,
  mergeWatchlists,
  newPairSecret,
  openWatchlist,
  type PairedWatch,
  pairLink,
  parsePairCode,
  sealWatchlist,
  TOMBSTONE_TTL_MS,
} from './pairing.ts';

const watch = (productId: string, updatedAt: number, extra: Partial<PairedWatch> = {}): PairedWatch => ({
  productId,
  skuId: null,
  currency: 'USD',
  region: null,
  target: '10.00',
  pctBelowTypical: null,
  allTimeLow: false,
  backInStock: false,
  landed: false,
  title: null,
  updatedAt,
  ...extra,
});

describe('pairing codes', () => {
  it('round-trip every secret, forgiving case, dashes and look-alike letters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const code = formatPairCode(bytes);
        expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{2}$/);
        expect(parsePairCode(code)).toEqual(new Uint8Array(bytes));
        expect(parsePairCode(code.toLowerCase().replace(/-/g, ' '))).toEqual(new Uint8Array(bytes));
      }),
    );
    const secret = new Uint8Array(16).fill(0);
    expect(parsePairCode(formatPairCode(secret).replace(/0/g, 'O'))).toEqual(secret);
  });

  it('refuses codes of the wrong length, with unknown symbols or non-zero padding', () => {
    const code = formatPairCode(newPairSecret());
    expect(parsePairCode(code.slice(0, -1))).toBeNull();
    expect(parsePairCode(`${code}0`)).toBeNull();
    expect(parsePairCode(code.replace(/.$/, 'U'))).toBeNull();
    expect(parsePairCode(`${code.slice(0, -1)}1`)).toBeNull(); // last symbol carries 2 padding bits
  });
});

describe('pairLink', () => {
  it('points the PWA at its pairing page with the code', () => {
    const secret = new Uint8Array(16).fill(255);
    const link = pairLink('https://companion.example.app', secret);
    expect(link).toBe(`https://companion.example.app/pair?code=${formatPairCode(secret)}`);
    expect(parsePairCode(new URL(link).searchParams.get('code')!)).toEqual(secret);
  });
});

describe('end-to-end encryption of the watchlist', () => {
  it('derives the same pair id and key on both devices, and only they can open the blob', async () => {
    const secret = newPairSecret();
    const extension = await derivePairKeys(secret);
    const pwa = await derivePairKeys(parsePairCode(formatPairCode(secret))!);
    expect(pwa.pairId).toBe(extension.pairId);
    expect(extension.pairId).toMatch(/^[0-9a-f]{32}$/);
    const list = { v: 1 as const, watches: [watch('1005005424987520', 1, { title: 'Lamp' })] };
    const sealed = await sealWatchlist(extension, list);
    expect(sealed).not.toContain('1005005424987520');
    expect(await openWatchlist(pwa, sealed)).toEqual(list);

    const stranger = await derivePairKeys(newPairSecret());
    await expect(openWatchlist(stranger, sealed)).rejects.toThrow();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    await expect(openWatchlist(pwa, tampered)).rejects.toThrow();
  });
});

describe('sealing a big watchlist', () => {
  const many = (count: number, title: (i: number) => string) => ({
    v: 2 as const,
    watches: Array.from({ length: count }, (_, i) =>
      watch(String(1005000000000000 + i), 1_700_000_000_000 + i, { title: title(i) }),
    ),
  });
  /** What a device from before compression reads: the decrypted bytes as JSON. */
  async function decryptAsJson(keys: Awaited<ReturnType<typeof derivePairKeys>>, sealed: string) {
    const bytes = Uint8Array.from(atob(sealed.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: new TextEncoder().encode(keys.pairId) },
      keys.key,
      bytes.slice(12),
    );
    return JSON.parse(new TextDecoder().decode(plain)) as unknown;
  }

  it('seals a list that fits as plain JSON, readable by every version', async () => {
    const keys = await derivePairKeys(newPairSecret());
    const list = many(100, (i) => `Desk lamp ${i}`);
    expect(await decryptAsJson(keys, await sealWatchlist(keys, list))).toEqual(list);
  });

  it('gzips a list too big for the worker, so it fits and opens as it was', async () => {
    const keys = await derivePairKeys(newPairSecret());
    // ≈ 1,100 bytes of JSON per watch: about 1 MB, four times the limit before compression.
    const list = many(1000, (i) => `LED desk lamp, dimmable, USB-C, model ${i} `.repeat(20).slice(0, 900));
    expect(JSON.stringify(list).length).toBeGreaterThan(PAIR_LIMITS.maxCiphertextChars * 3);
    const sealed = await sealWatchlist(keys, list);
    expect(sealed.length).toBeLessThanOrEqual(PAIR_LIMITS.maxCiphertextChars);
    expect(await openWatchlist(keys, sealed)).toEqual(list);
  });

  it('refuses a list that does not fit even compressed, saying so', async () => {
    const keys = await derivePairKeys(newPairSecret());
    const noise = (i: number) =>
      Array.from(crypto.getRandomValues(new Uint8Array(450)), (b) => b.toString(16).padStart(2, '0'))
        .join('')
        .slice(0, 900) + i;
    await expect(sealWatchlist(keys, many(1000, noise))).rejects.toThrow(/too big to share \(1000 watches\)/);
  });
});

describe('mergeWatchlists', () => {
  it('keeps the later change per product and lets deletions travel', () => {
    const merged = mergeWatchlists(
      [watch('1', 5, { target: '9.00' }), watch('2', 5), watch('3', 1)],
      [watch('1', 7, { target: '8.00' }), watch('2', 9, { deleted: true }), watch('4', 2)],
    );
    expect(merged.map((w) => [w.productId, w.target, Boolean(w.deleted)])).toEqual([
      ['1', '8.00', false],
      ['2', '10.00', true],
      ['3', '10.00', false],
      ['4', '10.00', false],
    ]);
  });

  it('is commutative and idempotent', () => {
    const arb = fc.array(
      fc.record({ id: fc.constantFrom('1', '2', '3'), t: fc.integer({ min: 0, max: 5 }), d: fc.boolean() }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(arb, arb, (x, y) => {
        // Distinct timestamps per product make "later" well defined (ties are resolved only for deletions).
        const a = x.map((w, i) => watch(w.id, w.t * 100 + i, { deleted: w.d }));
        const b = y.map((w, i) => watch(w.id, w.t * 100 + 50 + i, { deleted: w.d }));
        const ab = mergeWatchlists(mergeWatchlists([], a), b);
        expect(mergeWatchlists(b, a)).toEqual(mergeWatchlists(a, b));
        expect(mergeWatchlists(ab, ab)).toEqual(ab);
      }),
    );
  });
});

describe('mergeWatchlists with both devices editing', () => {
  /** One device's round trip: merge its list into the blob, as both the extension and the PWA do. */
  const roundTrip = (blob: PairedWatch[], device: PairedWatch[]) => mergeWatchlists(device, blob);

  it('two edits of one watch: the later one wins on both devices, whichever syncs first', () => {
    const phone = [watch('1', 20, { target: '8.00' })];
    const desktop = [watch('1', 30, { target: '7.00' })];
    const phoneFirst = roundTrip(roundTrip([], phone), desktop);
    const desktopFirst = roundTrip(roundTrip([], desktop), phone);
    expect(phoneFirst).toEqual(desktopFirst);
    expect(phoneFirst.map((w) => w.target)).toEqual(['7.00']);
  });

  it('a removal is not undone by the other device syncing its older copy (the tombstone travels)', () => {
    const blob = roundTrip([], [watch('1', 10), watch('2', 10)]);
    // The phone removes 1; the desktop still holds its copy from time 10 and syncs afterwards.
    const afterPhone = roundTrip(blob, [watch('1', 40, { deleted: true }), watch('2', 10)]);
    const afterDesktop = roundTrip(afterPhone, [watch('1', 10), watch('2', 10)]);
    expect(afterDesktop.find((w) => w.productId === '1')?.deleted).toBe(true);
    expect(afterDesktop.filter((w) => !w.deleted).map((w) => w.productId)).toEqual(['2']);
  });

  it('remove on one device, edit on the other: the later change wins, either way round', () => {
    const removedLater = roundTrip(roundTrip([], [watch('1', 50, { deleted: true })]), [
      watch('1', 40, { target: '5.00' }),
    ]);
    expect(removedLater[0]?.deleted).toBe(true);
    const editedLater = roundTrip(roundTrip([], [watch('1', 40, { deleted: true })]), [
      watch('1', 50, { target: '5.00' }),
    ]);
    expect(editedLater[0]).toMatchObject({ target: '5.00', updatedAt: 50 });
    expect(editedLater[0]?.deleted).toBeUndefined();
  });

  it('watches added on both devices at once are all kept (no lost or duplicated entries)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 10 }),
        fc.uniqueArray(fc.integer({ min: 41, max: 80 }), { maxLength: 10 }),
        (a, b) => {
          const phone = a.map((id) => watch(String(id), id));
          const desktop = b.map((id) => watch(String(id), id));
          const merged = roundTrip(roundTrip([], phone), desktop);
          expect(merged.map((w) => w.productId).sort()).toEqual([...a, ...b].map(String).sort());
        },
      ),
    );
  });
});

describe('mergeForSharing', () => {
  const now = 1_000 * TOMBSTONE_TTL_MS;

  it('drops removals older than the TTL, keeps newer ones without their title, and never drops a live watch', () => {
    const merged = mergeForSharing(
      [
        watch('1', now - TOMBSTONE_TTL_MS - 1, { deleted: true, title: 'Old lamp' }),
        watch('2', now - TOMBSTONE_TTL_MS, { deleted: true, title: 'Recent lamp' }),
        watch('3', 0, { title: 'Kept for years' }),
      ],
      [watch('4', now - 2 * TOMBSTONE_TTL_MS, { deleted: true })],
      now,
    );
    expect(merged.map((w) => [w.productId, Boolean(w.deleted), w.title])).toEqual([
      ['2', true, null],
      ['3', false, 'Kept for years'],
    ]);
  });

  it('an expired removal still beats the older live copy it removed while both are on the lists', () => {
    // Only the removal ages out; the merge that sees both still lets the later change win.
    const merged = mergeForSharing(
      [watch('1', now - TOMBSTONE_TTL_MS - 1, { deleted: true })],
      [watch('1', now - TOMBSTONE_TTL_MS - 2)],
      now,
    );
    expect(merged).toEqual([]);
  });
});
