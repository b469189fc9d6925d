import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installOrderReader } from '../content/order-reader.ts';
import { request } from '../messaging.ts';

/** Isolated world on order and tracking pages (declared in wxt.config.ts): reports each order read. */
export default defineUnlistedScript(() => {
  installOrderReader(window, (read) => {
    request((m) => browser.runtime.sendMessage(m), 'orders:read', { read }).catch(() => {
      // The background refuses or is gone (extension reloaded or updated): nothing useful to do in the page.
    });
  });
});
