import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Every AliExpress storefront host. Host permissions stay limited to these (no <all_urls>).
export const ALIEXPRESS_MATCHES = [
  '*://*.aliexpress.com/*',
  '*://*.aliexpress.us/*',
  '*://*.aliexpress.ru/*',
];

export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  imports: false,
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'AliExpress Companion',
    description: 'Remembers AliExpress prices for every variant and tells you when to buy.',
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications'],
    host_permissions: ALIEXPRESS_MATCHES,
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'companion@aliexpress-companion.app',
              strict_min_version: '140.0',
              // Nothing leaves the device unless the shopper opts in (community sharing is optional).
              data_collection_permissions: { required: ['none'], optional: ['websiteActivity'] },
            },
          },
        }
      : {}),
  }),
});
