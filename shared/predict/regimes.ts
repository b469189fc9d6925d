/**
 * One model per pricing regime, because one model across base rates of ~30 % (Steam) and ~4 % (groceries)
 * was calibrated for neither. Each regime's model is chosen, Platt-calibrated and given its decision threshold
 * on the validation window of the source it stands for (scripts/predict/pipeline.ts).
 *
 * The browser uses the sale-driven model for every AliExpress product: AliExpress prices move with campaigns
 * (11.11, 618, …) and sellers' frequent deep discounts, like Steam's sales, not like a supermarket shelf price
 * that changes a few times a year. The steady model ships for the CLI only (`npm run predict -- --model steady`).
 */
export const REGIMES = {
  'sale-driven': { source: 'steam', file: 'price-drop' },
  steady: { source: 'heissepreise', file: 'price-drop-steady' },
} as const;

export type Regime = keyof typeof REGIMES;

/** The regime of every AliExpress product (the one model the extension packages). */
export const BROWSER_REGIME: Regime = 'sale-driven';

export function regimeOfSource(source: string): Regime | undefined {
  return (Object.keys(REGIMES) as Regime[]).find((r) => REGIMES[r].source === source);
}
