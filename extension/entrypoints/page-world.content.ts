import { defineContentScript } from 'wxt/utils/define-content-script';
import { installMainReader } from '../content/main-reader.ts';
import { PRODUCT_PAGE_MATCHES } from '../hosts.ts';

/** MAIN world, before the page's own scripts: taps the pdp query so the isolated script can read prices. */
export default defineContentScript({
  matches: PRODUCT_PAGE_MATCHES,
  runAt: 'document_start',
  world: 'MAIN',
  main() {
    installMainReader(window as Window & typeof globalThis & Record<string, unknown>);
  },
});
