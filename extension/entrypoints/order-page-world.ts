import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { ORDER_APIS } from '../../shared/orders/apis.ts';
import { installMainReader } from '../content/main-reader.ts';

/** MAIN world on order and tracking pages, before the page's own scripts (declared in wxt.config.ts). */
export default defineUnlistedScript(() => {
  installMainReader(window as Window & typeof globalThis & Record<string, unknown>, ORDER_APIS);
});
