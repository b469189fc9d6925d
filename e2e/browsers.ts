import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';

export const repoRoot = resolve(import.meta.dirname, '..');
export const chromeBuild = resolve(repoRoot, '.output/chrome-mv3');
export const firefoxBuild = resolve(repoRoot, '.output/firefox-mv3');

/**
 * A Chromium to drive: $CHROMIUM_PATH, Debian's /usr/bin/chromium, or one Playwright installed. Missing means
 * the browser tests cannot run: fail now, saying how to get one (a silent skip would look like a pass).
 */
export function chromiumPath(
  candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', playwrightChromium()],
): string {
  return firstExisting(candidates, [
    'No Chromium found for the e2e tests (looked at $CHROMIUM_PATH, /usr/bin/chromium, Playwright browsers).',
    'Install one:  sudo apt-get install -y chromium   (Debian/Ubuntu)',
    '          or  npx playwright install chromium   (where downloads are allowed)',
    '          or  CHROMIUM_PATH=/path/to/chrome npm run test:e2e',
  ]);
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export function firefoxPath(
  candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'],
): string {
  return firstExisting(candidates, [
    'No Firefox found for the Firefox smoke test (looked at $FIREFOX_PATH, /usr/bin/firefox-esr, /usr/bin/firefox).',
    'Install one:  sudo apt-get install -y firefox-esr   (Debian)',
    '          or  FIREFOX_PATH=/path/to/firefox npm run test:firefox',
  ]);
}

function firstExisting(candidates: (string | undefined)[], howToInstall: string[]): string {
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  throw new Error(howToInstall.join('\n'));
}

/** The built extension the tests load; they never build it themselves (npm test builds first). */
export function requireBuild(dir: string): string {
  if (!existsSync(resolve(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir}: run \`npm run build\` first.`);
  }
  return dir;
}

/**
 * Chromium with the built extension loaded, headless, its background chatter off (this machine has no network).
 * `language`: the browser's UI language. On Linux Chromium ignores `--lang` and reads `LANGUAGE` (and needs its
 * translations installed: Debian's `chromium-l10n`); `--lang` is what other systems honour.
 */
export function launchWithExtension(profileDir = '', language?: string): Promise<BrowserContext> {
  const extension = requireBuild(chromeBuild);
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    ...(language ? { env: { ...process.env, LANGUAGE: language.replace('-', '_') } } : {}),
    args: [
      ...(language ? [`--lang=${language}`] : []),
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
