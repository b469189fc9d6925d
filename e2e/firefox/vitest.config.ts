import { defineConfig } from 'vitest/config';

// Real Firefox (ESR) over WebDriver BiDi against the built extension; one browser at a time.
export default defineConfig({
  test: {
    include: ['e2e/firefox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
