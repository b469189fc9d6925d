import { expect, test } from '@playwright/test';
import { chromiumPath, firefoxPath, requireBuild } from './browsers.ts';

// No browser needed: the lookups that make a missing browser fail loudly instead of skipping.
test('a missing Chromium fails with how to install one', () => {
  expect(() => chromiumPath(['/nonexistent/chromium', undefined])).toThrow(/apt-get install -y chromium/);
  expect(chromiumPath(['/nonexistent/chromium', process.execPath])).toBe(process.execPath);
});

test('a missing Firefox fails with how to install one', () => {
  expect(() => firefoxPath(['/nonexistent/firefox'])).toThrow(/apt-get install -y firefox-esr/);
});

test('a missing build says to build first', () => {
  expect(() => requireBuild('/nonexistent/.output/chrome-mv3')).toThrow(/npm run build/);
});
