import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../shared/testing/shared-dir.ts';

/** Real AliExpress pages from ../shared/fixtures/aliexpress, each with the URL it was served at. */
export const fixtureDir = () => join(sharedDir(), 'fixtures', 'aliexpress');

export function fixtureText(file: string): string {
  return readFileSync(join(fixtureDir(), file), 'utf8');
}

export interface ExpectedCase {
  file: string;
  url?: string;
  status: string;
  productId?: string;
  currency?: string;
  price?: { min: number; max: number } | null;
  sampleSku?: { skuId: string; price: number };
}

export function expectedCase(file: string): ExpectedCase {
  const { cases } = JSON.parse(readFileSync(join(fixtureDir(), 'expected.json'), 'utf8')) as {
    cases: ExpectedCase[];
  };
  const found = cases.find((c) => c.file === file);
  if (!found) throw new Error(`${file} is not in expected.json`);
  return found;
}

export const PAGES = {
  /** 2019–2023 "modules" page as rendered, runParams inline. */
  runParamsEur: '2020-runParams-v2-he-EUR-iphone-se-ogscraper.html',
  /** aliexpress.us raw server HTML (us id = global id + 2^51). */
  runParamsUs: '2022-runParams-v2-us-USD-raw-server-html-ski-goggles.html',
  /** Today's client-rendered server HTML: no price in it. */
  csr: '2024-csr-newDetail-es-raw-server-html-GaN-charger.html',
  /** Today's pdp query response (JSONP payload as JSON). */
  pdp: '2025-mtop-pdp-pc-query-excerpt-id-IDR-hair-straightener.json',
  captcha: '2025-antibot-punish-captcha-page-search.html',
} as const;
