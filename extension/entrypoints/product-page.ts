import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installPageReader } from '../content/page-reader.ts';
import { request } from '../messaging.ts';

/**
 * Isolated world on product pages (declared in wxt.config.ts): reads the page and what the MAIN-world reader
 * relays, and reports each read. An unlisted script rather than a WXT content script: WXT's content-script
 * context (~1 KB gzipped, and a "script started" postMessage to the page) buys nothing here.
 */
export default defineUnlistedScript(() => {
  installPageReader(window, (result, trigger) => {
    request((m) => browser.runtime.sendMessage(m), 'page:extracted', { result, trigger }).catch(() => {
      // The background refuses or is gone (extension reloaded or updated): nothing useful to do in the page.
    });
  });
});
