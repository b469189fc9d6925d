import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { ALIEXPRESS_MATCHES, ORDER_PAGE_MATCHES, PRODUCT_PAGE_MATCHES } from './extension/hosts.ts';

export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  imports: false,
  manifestVersion: 3,
  vite: () => ({ plugins: [preact(), localesChunk] }),
  manifest: ({ browser }) => ({
    // Name and description in the browser's language (public/_locales/<lang>/messages.json); the screens'
    // strings live in extension/ui/locales/ (one catalogue for pages, widget and service worker).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // offscreen: Chrome runs the price model in an offscreen document (Firefox has none; its background does).
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'notifications',
      // The product-page widget is injected into AliExpress tabs only once a price is known (agents/widget.ts).
      'scripting',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // The price model's ONNX Runtime is WebAssembly; nothing else beyond the MV3 default.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    // Only AliExpress storefronts (see extension/hosts.ts); never <all_urls>.
    host_permissions: ALIEXPRESS_MATCHES,
    // Product pages: the MAIN-world reader must run before the page's own scripts (document_start) to tap the
    // pdp query; the isolated reader listens from then on. Both are unlisted scripts (extension/entrypoints/
    // page-world.ts, product-page.ts) so the bundles carry no WXT content-script runtime.
    content_scripts: [
      { matches: PRODUCT_PAGE_MATCHES, js: ['page-world.js'], run_at: 'document_start', world: 'MAIN' },
      { matches: PRODUCT_PAGE_MATCHES, js: ['product-page.js'], run_at: 'document_start' },
      // Order list, order detail and tracking pages only (issue 10): the same MAIN-world tap for the order APIs.
      { matches: ORDER_PAGE_MATCHES, js: ['order-page-world.js'], run_at: 'document_start', world: 'MAIN' },
      { matches: ORDER_PAGE_MATCHES, js: ['order-page.js'], run_at: 'document_start' },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'companion@aliexpress-companion.app',
              strict_min_version: '140.0',
              // Nothing leaves the device unless the shopper opts in (community sharing is optional). What
              // sharing sends, as the consent screen lists it: which products were looked at (browsingActivity)
              // and the prices read off them (websiteContent). Kept equal to extension/sharing-permission.ts.
              data_collection_permissions: {
                required: ['none'],
                optional: ['browsingActivity', 'websiteContent'],
              },
            },
            // data_collection_permissions arrived in Firefox for Android 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});

/**
 * The five dictionaries (≈100 KB) in a chunk of their own for the extension pages, so a page's first module
 * (the popup's asks the background before its UI loads) does not wait for them. Content scripts are single-file
 * IIFE bundles, where manual chunks do not apply.
 */
const localesChunk: Plugin = {
  name: 'companion:locales-chunk',
  outputOptions(output) {
    if (output.format === 'iife' || output.inlineDynamicImports) return null;
    return {
      ...output,
      manualChunks: (id: string) => (id.includes('/extension/ui/locales/') ? 'locales' : undefined),
    };
  },
};
