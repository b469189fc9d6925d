import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Fast unit tests for shared/ and the extension (fakeBrowser, fake-indexeddb). The worker's tests run in
// workerd through worker/vitest.config.ts; browser flows run in real Chromium/Firefox under e2e/.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'shared/**/*.test.ts',
      'extension/**/*.test.ts',
      'extension/**/*.test.tsx',
      'scripts/**/*.test.ts',
      'pwa/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
  },
});
