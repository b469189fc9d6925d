import type { ExtractFlag } from './extract/types.ts';

/**
 * One price read of one product variant, as every part of the product stores and exchanges it.
 * Money is integer minor units of `currency`; time is epoch milliseconds (UTC).
 */
export interface Observation {
  productId: string;
  /** null = the product as a whole (its cheapest variant). */
  skuId: string | null;
  currency: string;
  /** Ship-to country (ISO 3166-1 alpha-2), null when the page does not say. */
  region: string | null;
  price: number;
  originalPrice: number | null;
  shipping: number | null;
  observedAt: number;
  flags: ExtractFlag[];
}

/** The series key under which observations are comparable. */
export interface SeriesKey {
  productId: string;
  skuId: string | null;
  currency: string;
  region: string | null;
}
