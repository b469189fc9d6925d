/**
 * Community data for the PWA tests, uploaded through the real API: two anonymous contributors report the same
 * 30 days, so every day is confirmed. The last day is the lowest (an all-time low).
 */
export const PRODUCT = '1005005424987520';
export const UNSEEN_PRODUCT = '1005009999999999';

/** USD prices per day, oldest first (30 days, today last). */
export function seededPrices(): string[] {
  return Array.from({ length: 30 }, (_, i) => (i === 29 ? '14.99' : i % 7 === 3 ? '24.50' : '21.99'));
}

async function post(url: string, body: unknown, token?: string): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`POST ${url} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function seedCommunity(apiUrl: string): Promise<void> {
  const prices = seededPrices();
  const now = Date.now();
  for (let contributor = 0; contributor < 2; contributor++) {
    const { token } = (await post(`${apiUrl}/v1/installs`, {})) as { token: string };
    const observations = prices.map((price, i) => ({
      productId: PRODUCT,
      skuId: null,
      currency: 'USD',
      region: null,
      price,
      // Day 29 is today; keep reads a minute in the past so none is "in the future".
      observedAt: new Date(now - (29 - i) * 86_400_000 - 60_000 - contributor * 1000).toISOString(),
    }));
    const out = (await post(`${apiUrl}/v1/observations`, { observations }, token)) as {
      accepted: number;
      rejected: unknown[];
    };
    if (out.accepted !== prices.length) throw new Error(`seed rejected: ${JSON.stringify(out)}`);
  }
}
