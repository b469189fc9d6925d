import type { Observation } from '../../shared/domain.ts';
import type { ExtractResult } from '../../shared/extract/types.ts';
import type { AuditMessage, CompanionDb, ObservationRow, ProductRow, SkuRow } from '../db.ts';
import { addObservations, recordRead, seriesKeyOf } from '../db.ts';
import type { ExtractTrigger, RecordOutcome } from '../messaging.ts';
import type { Agent, RecordedEvent } from './agent.ts';
import { appendAudit, auditEntry } from './audit.ts';
import { withQuotaRetry } from './storage-budget.ts';

/** An equal price within this long after the last stored one is a revisit, not a new data point. */
export const DEDUPE_WINDOW_MS = 60 * 60 * 1000;

export interface RecordContext {
  now: number;
  trigger: ExtractTrigger;
  /** The tab URL the result came from (the sender's, not the page's claim). */
  tabUrl: string | null;
}

/**
 * One price read becomes: the product, its variants' latest prices, the observations (the product as a whole
 * = its cheapest variant, and the variant the shopper has selected) and an audit event — in ONE transaction,
 * so a crash never leaves a product without its audit trail or an observation without its product.
 */
export async function recordExtraction(
  db: CompanionDb,
  result: ExtractResult,
  ctx: RecordContext,
): Promise<RecordOutcome> {
  const tables = [
    db.products,
    db.skus,
    db.observations,
    db.seriesSummaries,
    db.seriesPoints,
    db.productReads,
    db.auditEvents,
  ];
  return db.transaction('rw', tables, async () => {
    const base = {
      at: ctx.now,
      productId: result.productId,
      url: ctx.tabUrl ?? result.url,
      status: result.status,
      fingerprint: result.fingerprint,
      sources: { ...result.sources } as Record<string, string>,
    };
    const refusal = whyNotStorable(result);
    if (refusal) {
      const message = refusalMessage(result, ctx.trigger);
      await appendAudit(
        db,
        auditEntry({ ...base, kind: 'not-stored', detail: `${ctx.trigger}: ${refusal}`, message }),
      );
      return { stored: 0, deduped: 0, reason: refusal };
    }
    const productId = result.productId!;
    const currency = result.currency!;
    await upsertProduct(db, result, productId, currency, ctx);
    await upsertSkus(db, result, productId, currency, ctx.now);

    let stored = 0;
    let deduped = 0;
    for (const observation of observationsOf(result, productId, currency, ctx.now)) {
      if (await isRepeat(db, observation)) deduped++;
      else {
        // The series' kept aggregates move in this same transaction (db.ts addObservations).
        await addObservations(db, [observation]);
        stored++;
      }
    }
    const detail = `${ctx.trigger}: stored ${stored}, unchanged within the hour ${deduped}`;
    const message = { key: 'observed', vars: { trigger: ctx.trigger, stored, deduped } } as const;
    await appendAudit(db, auditEntry({ ...base, kind: 'observed', detail, message }));
    await recordRead(db, productId, ctx.now);
    return { stored, deduped, reason: null };
  });
}

function whyNotStorable(result: ExtractResult): string | null {
  if (result.status !== 'ok') return `${result.status}${result.reason ? `: ${result.reason}` : ''}`;
  if (!result.productId) return 'ok without a product id';
  if (!result.currency) return 'ok without a currency';
  if (!result.price) return 'ok without a price';
  return null;
}

/** whyNotStorable as a catalogue message (the extractor's own reason stays English, in a value). */
function refusalMessage(result: ExtractResult, trigger: string): AuditMessage {
  if (result.status !== 'ok') {
    const reason = result.reason ? `: ${result.reason}` : '';
    return { key: 'notStored', vars: { trigger, status: result.status, reason } };
  }
  const key = !result.productId ? 'noProductId' : !result.currency ? 'noCurrency' : 'noPrice';
  return { key, vars: { trigger } };
}

/** The product as a whole (its cheapest variant) plus the variant the page has selected, when priced. */
export function observationsOf(
  result: ExtractResult,
  productId: string,
  currency: string,
  now: number,
): Observation[] {
  // A shipping fee quoted in another currency (pdp pages quote some in CNY) is not comparable: leave it out.
  const ship = result.shipping;
  const shipping =
    ship && !ship.unreachable && (ship.currency === null || ship.currency === currency) ? ship.amount : null;
  const common = {
    productId,
    currency,
    region: result.region,
    shipping,
    observedAt: now,
    flags: [...result.flags],
  };
  const list: Observation[] = [
    { ...common, skuId: null, price: result.price!.min, originalPrice: result.originalPrice?.min ?? null },
  ];
  const selected = result.selectedSkuId
    ? result.skus.find((s) => s.skuId === result.selectedSkuId)
    : undefined;
  if (selected && selected.price !== null) {
    list.push({
      ...common,
      skuId: selected.skuId,
      price: selected.price,
      originalPrice: selected.originalPrice,
    });
  }
  return list;
}

async function isRepeat(db: CompanionDb, observation: Observation): Promise<boolean> {
  const series = seriesKeyOf(observation);
  const last: ObservationRow | undefined = await db.observations
    .where('[series+observedAt]')
    .between([series, -Infinity], [series, Infinity])
    .last();
  return (
    last !== undefined &&
    last.price === observation.price &&
    observation.observedAt - last.observedAt < DEDUPE_WINDOW_MS
  );
}

async function upsertProduct(
  db: CompanionDb,
  result: ExtractResult,
  id: string,
  currency: string,
  ctx: RecordContext,
): Promise<void> {
  const previous = await db.products.get(id);
  const row: ProductRow = {
    id,
    title: result.title ?? previous?.title ?? null,
    image: result.image ?? previous?.image ?? null,
    url: ctx.tabUrl ?? result.url ?? previous?.url ?? null,
    currency,
    store: result.store ?? previous?.store ?? null,
    rating: result.rating ?? previous?.rating ?? null,
    firstSeenAt: previous?.firstSeenAt ?? ctx.now,
    lastSeenAt: ctx.now,
  };
  await db.products.put(row);
}

async function upsertSkus(
  db: CompanionDb,
  result: ExtractResult,
  productId: string,
  currency: string,
  now: number,
): Promise<void> {
  if (result.skus.length === 0) return;
  const rows: SkuRow[] = result.skus.map((s) => ({
    productId,
    skuId: s.skuId,
    attributes: s.attributes,
    currency,
    price: s.price,
    originalPrice: s.originalPrice,
    stock: s.stock,
    available: s.available,
    updatedAt: now,
  }));
  await db.skus.bulkPut(rows);
}

export interface CachingAgentOptions {
  now?: () => number;
  /** Fan-out to the agents that react to new prices. */
  onRecorded?: (event: RecordedEvent) => Promise<void> | void;
  rememberTab?: (tabId: number, productId: string) => Promise<void>;
}

export function cachingAgent(db: CompanionDb, options: CachingAgentOptions = {}): Agent {
  const now = options.now ?? Date.now;
  return {
    name: 'caching',
    handlers: {
      'page:extracted': async ({ result, trigger }, sender) => {
        // A full disk must not lose the read: free the least valuable data once and write again.
        const outcome = await withQuotaRetry(db, now, () =>
          recordExtraction(db, result, { now: now(), trigger, tabUrl: sender.url }),
        );
        if (outcome.reason === null && sender.tabId !== null && result.productId) {
          await options.rememberTab?.(sender.tabId, result.productId);
        }
        await options.onRecorded?.({ result, outcome, sender });
        return outcome;
      },
    },
  };
}
