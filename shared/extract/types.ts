/**
 * The contract between page readers (content scripts, the CLI) and everything that stores or judges prices.
 * All money inside the code is an integer number of minor units of `currency` (see shared/money.ts).
 */

export type ExtractStatus = 'ok' | 'partial' | 'blocked' | 'not-found' | 'unrecognized';

export type ExtractFlag = 'new-user-price' | 'flash-deal' | 'lot' | 'out-of-stock' | 'unreachable';

/** Minor units of the result's display currency. */
export interface PriceRange {
  min: number;
  max: number;
}

export interface SkuPrice {
  /** Exact decimal string: some SKU ids exceed 2^53 and must never pass through a JS number. */
  skuId: string;
  /** Human text such as "Color: Black / Ships From: China"; page-derived, render as text only. */
  attributes: string;
  price: number | null;
  originalPrice: number | null;
  stock: number | null;
  available: boolean;
}

export interface Shipping {
  amount: number | null;
  currency: string | null;
  free: boolean;
  /** The seller cannot ship to the shopper's country. */
  unreachable: boolean;
  /** Estimated delivery days where the page says. */
  days: number | null;
}

export interface Store {
  id: string | null;
  name: string | null;
  /** Positive feedback share in percent (0–100). */
  positiveRate: number | null;
}

export interface Rating {
  average: number | null;
  count: number | null;
}

export interface Lot {
  piecesPerLot: number;
}

/** Which source produced a field, e.g. "runParams.priceModule" or "dom:price-default--current". */
export type FieldSources = Partial<Record<keyof ExtractResult, string>>;

export interface ExtractResult {
  status: ExtractStatus;
  /**
   * 'freight' when the input was only a freight (shipping-cost) response: then `ok` means the shipping was
   * read and there is no price. Optional for compatibility; `extract()` always sets it.
   */
  kind?: 'product' | 'freight';
  /** Why the status is not `ok` (for the audit log). */
  reason: string | null;
  /** A short layout fingerprint for `unrecognized` pages so QA can group new page generations. */
  fingerprint: string | null;
  /** Canonical global product id (aliexpress.us ids normalised: us id − 2^51). */
  productId: string | null;
  title: string | null;
  image: string | null;
  url: string | null;
  /** Display currency (ISO 4217). */
  currency: string | null;
  /** Trade (settlement) currency where the page gives it and it differs. */
  tradeCurrency: string | null;
  /** Ship-to country (ISO 3166-1 alpha-2) where the page says. */
  region: string | null;
  price: PriceRange | null;
  originalPrice: PriceRange | null;
  skus: SkuPrice[];
  selectedSkuId: string | null;
  shipping: Shipping | null;
  store: Store | null;
  rating: Rating | null;
  lot: Lot | null;
  flags: ExtractFlag[];
  sources: FieldSources;
}

/** Everything a content script (or the CLI) can hand the extractor. Every field is optional. */
export interface PageInput {
  url?: string;
  /** Whole page HTML or a bare script text such as `window.runParams = {...}`. */
  html?: string;
  /**
   * Raw JSON texts captured in the MAIN world: runParams data, dida init data, `mtop.aliexpress.pdp.pc.query`
   * responses (JSON or JSONP), freight responses. Raw text, not objects: ids beyond 2^53 survive only in text.
   */
  payloads?: string[];
  /** A live document (content script) or any Document-like object (linkedom in tests); the DOM is the last resort. */
  document?: DocumentLike;
}

/** The part of a DOM Document the extractor uses (a real `Document` satisfies it). */
export interface DocumentLike {
  querySelectorAll(
    selectors: string,
  ): ArrayLike<{ textContent: string | null; getAttribute(name: string): string | null }>;
}
