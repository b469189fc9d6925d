import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { firefoxBuild, firefoxPath, requireBuild } from '../browsers.ts';

/** A copy of the Firefox build with test-only parts added (see probe.ts), removed again by `dispose`. */
export interface PreparedBuild {
  dir: string;
  dispose: () => void;
}

/**
 * For the calling suite: Firefox ESR with a prepared copy of the built extension installed, closed after the
 * suite (always — a failed run must not leave Firefox processes behind). Returns the browser's getter.
 */
export function firefoxWithBuild(prepare: (build: string) => PreparedBuild): () => Browser {
  let browser: Browser | undefined;
  let dispose = () => {};
  beforeAll(async () => {
    // Look up Firefox first, so a machine without it fails at once with install instructions.
    const executablePath = firefoxPath();
    const build = prepare(requireBuild(firefoxBuild));
    dispose = build.dispose;
    browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
    await browser.installExtension(build.dir);
  });
  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      dispose();
    }
  });
  return () => {
    if (!browser) throw new Error('Firefox did not start; see the error of beforeAll above');
    return browser;
  };
}
