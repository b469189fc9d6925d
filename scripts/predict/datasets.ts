/**
 * The two real price histories in ../shared/data/price-history (see its SOURCES.md), read in place and turned
 * into daily series. Prices become integer cents; a price holds until the product's next event and the series
 * run to the last date of their file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { NO_CALENDAR, type SaleCalendar, STEAM_CALENDAR } from '../../shared/predict/calendar.ts';
import { type DailySeries, dayNumber, eventsToDaily, type PriceEvent } from '../../shared/predict/daily.ts';
import { sharedDir } from '../../shared/testing/shared-dir.ts';
import { parseCsvRecords } from './csv.ts';
import { seededRandom, shuffled } from './rng.ts';

export interface Product {
  id: string;
  series: DailySeries;
}

export interface Source {
  name: string;
  products: Product[];
  /** Products in the file before any sampling. */
  totalProducts: number;
  /** The store's own sale calendar (features.ts daysToSaleEvent / daysSinceSaleEvent). */
  calendar: SaleCalendar;
}

export function priceHistoryDir(): string {
  return join(sharedDir(), 'data', 'price-history');
}

/** A zero price is a giveaway, not a price a shopper pays; it is treated as "not buyable" that day. */
function cents(value: string): number | null {
  const euros = Number.parseFloat(value);
  if (!Number.isFinite(euros) || euros <= 0) return null;
  return Math.round(euros * 100);
}

function lastDayOf(events: Map<string, PriceEvent[]>): number {
  let endDay = Number.NEGATIVE_INFINITY;
  for (const list of events.values()) for (const e of list) endDay = Math.max(endDay, e.day);
  return endDay;
}

function toProducts(events: Map<string, PriceEvent[]>, ids: readonly string[], endDay: number): Product[] {
  return ids.map((id) => ({ id, series: eventsToDaily(events.get(id)!, endDay) }));
}

const HEISSEPREISE_FIRST_SCRAPE = '2023-05-15';

function startNoEarlierThan(series: DailySeries, day: number): DailySeries {
  const skip = day - series.startDay;
  return skip <= 0 ? series : { startDay: day, prices: series.prices.slice(skip) };
}

function push(map: Map<string, PriceEvent[]>, id: string, event: PriceEvent) {
  const list = map.get(id);
  if (list) list.push(event);
  else map.set(id, [event]);
}

/** Steam (IsThereAnyDeal), 2025-07-15 … 2025-10-16: the event's local calendar date is its day. */
export function loadSteam(): Source {
  const text = readFileSync(join(priceHistoryDir(), 'steam_itad_2025_events.csv'), 'utf8');
  const events = new Map<string, PriceEvent[]>();
  for (const r of parseCsvRecords(text, ['ITAD Game ID', 'Date', 'Price (€)'])) {
    push(events, r['ITAD Game ID']!, { day: dayNumber(r.Date!.trim()), price: cents(r['Price (€)']!) });
  }
  const products = toProducts(events, [...events.keys()], lastDayOf(events));
  return { name: 'steam', products, totalProducts: products.length, calendar: STEAM_CALENDAR };
}

/**
 * heissepreise (Austrian/German/Slovenian groceries and drugstores), daily scrapes 2023-05-15 … 2023-10-19.
 * `unavailable` turns out to be a per-product flag (every row of a product carries the same value: 62,577
 * products are 1 on all rows, none mixed), i.e. "delisted by the end of the crawl" with no date. Dropping those
 * products, or ending them at their last event, would select on the future; so their prices count like any
 * other and hold until the file's last day. A few of them carry a first price from 2020; series start at the
 * first 2023 scrape day, holding the price that was current then.
 * Products are sampled uniformly at random: picking "products that change" would also select on the future.
 */
export function loadHeissepreise(options: { sample: number; seed: number }): Source {
  const gz = readFileSync(join(priceHistoryDir(), 'heissepreise_at_2023_events.csv.gz'));
  const text = gunzipSync(gz).toString('utf8');
  const events = new Map<string, PriceEvent[]>();
  for (const r of parseCsvRecords(text, ['store', 'id', 'unavailable', 'date', 'price_eur'])) {
    push(events, `${r.store}:${r.id}`, { day: dayNumber(r.date!), price: cents(r.price_eur!) });
  }
  const firstScrape = dayNumber(HEISSEPREISE_FIRST_SCRAPE);
  const ids = shuffled([...events.keys()].sort(), seededRandom(options.seed)).slice(0, options.sample);
  const products = toProducts(events, ids, lastDayOf(events)).map((p) => ({
    ...p,
    series: startNoEarlierThan(p.series, firstScrape),
  }));
  return { name: 'heissepreise', products, totalProducts: events.size, calendar: NO_CALENDAR };
}
