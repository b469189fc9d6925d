import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { installPageReader } from '../content/page-reader.ts';
import { PRODUCT_PAGE_MATCHES } from '../hosts.ts';
import { request } from '../messaging.ts';

/** Isolated world: reads the product page (and what the MAIN-world reader relays) and reports each read. */
export default defineContentScript({
  matches: PRODUCT_PAGE_MATCHES,
  runAt: 'document_start',
  main(ctx) {
    installPageReader(
      window,
      (result, trigger) => {
        request((m) => browser.runtime.sendMessage(m), 'page:extracted', { result, trigger }).catch(() => {
          // The background refuses or is gone (extension reloaded): nothing useful to do in the page.
        });
      },
      ctx.signal,
    );
  },
});
