import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installMainReader } from '../content/main-reader.ts';

/** MAIN world, before the page's own scripts (declared in wxt.config.ts): taps the pdp query for prices. */
export default defineUnlistedScript(() => {
  installMainReader(window as Window & typeof globalThis & Record<string, unknown>);
});
