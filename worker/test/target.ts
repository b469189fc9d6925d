/** What the shared API suite needs from a running API, whichever runtime and database are underneath. */
export interface ApiTarget {
  /** Which path this is, for test names. */
  name: string;
  /** INSTALL_SECRET the target runs with, so tests can mint expired (but correctly signed) tokens. */
  installSecret: string;
  fetch(path: string, init?: RequestInit & { ip?: string }): Promise<Response>;
  /** Run SQL directly against the target's database (setup and assertions only). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export async function rowCounts(target: ApiTarget) {
  const [row] = await target.query<{ c: string | number; o: string | number; d: string | number }>(
    `SELECT (SELECT count(*) FROM contributors) AS c, (SELECT count(*) FROM observations) AS o,
            (SELECT count(*) FROM daily_prices) AS d`,
  );
  return { contributors: Number(row!.c), observations: Number(row!.o), dailyPrices: Number(row!.d) };
}
