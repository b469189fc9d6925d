import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { ContributionsDelete, ContributionsExport } from '../../../shared/api.ts';
import { formatDecimal } from '../../../shared/money.ts';
import type { AppEnv } from '../app-env.ts';
import { requireContributor } from '../auth.ts';
import { observations } from '../db/schema.ts';
import { recomputeRollups } from '../rollup.ts';

/** What this credential sent: export (GDPR Art. 20) and erasure (Art. 17). */
export const contributions = new Hono<AppEnv>()
  .use(requireContributor)
  .get('/', async (c) => {
    const rows = await c.var.db
      .select()
      .from(observations)
      .where(eq(observations.contributorId, c.var.contributor.id))
      .orderBy(asc(observations.observedAt));
    const money = (v: number | null, currency: string) =>
      v == null ? null : formatDecimal(Number(v), currency);
    const body: ContributionsExport = {
      count: rows.length,
      contributions: rows.map((r) => ({
        productId: r.productId,
        skuId: r.skuId || null,
        currency: r.currency,
        region: r.region || null,
        price: formatDecimal(Number(r.price), r.currency),
        originalPrice: money(r.originalPrice, r.currency),
        shipping: money(r.shipping, r.currency),
        observedAt: r.observedAt.toISOString(),
        receivedAt: r.receivedAt.toISOString(),
        flags: r.flags as ContributionsExport['contributions'][number]['flags'],
      })),
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  })
  .delete('/', async (c) => {
    const result = await c.var.db.transaction(async (tx) => {
      const deleted = await tx
        .delete(observations)
        .where(eq(observations.contributorId, c.var.contributor.id))
        .returning({
          productId: observations.productId,
          currency: observations.currency,
          region: observations.region,
          skuId: observations.skuId,
          day: observations.day,
        });
      const rollupsRecomputed = await recomputeRollups(tx, deleted);
      return { deleted: deleted.length, rollupsRecomputed };
    });
    c.header('Cache-Control', 'no-store');
    return c.json(result satisfies ContributionsDelete);
  });
