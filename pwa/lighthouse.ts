/**
 * Lighthouse (mobile preset, simulated throttling) on the built PWA served locally by pwa/serve.ts, in Debian's
 * Chromium. Prints the category scores; it asserts nothing (`npx tsx pwa/lighthouse.ts`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath } from '../e2e/browsers.ts';
import { startApi } from '../worker/src/local.ts';
import { startPwa } from './serve.ts';

export interface LighthouseScores {
  url: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
}

export async function runLighthouse(path = '/'): Promise<LighthouseScores> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pwa-lighthouse-'));
  const api = await startApi({ port: 0, dataDir });
  const pwa = await startPwa({ port: 0, apiUrl: api.url });
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  try {
    const url = pwa.url + path;
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    const c = result?.lhr.categories;
    if (!c) throw new Error('Lighthouse returned no result');
    if (process.env.LH_DEBUG) {
      for (const id of [
        'first-contentful-paint',
        'largest-contentful-paint',
        'total-blocking-time',
        'cumulative-layout-shift',
        'speed-index',
      ]) {
        console.log(id, result?.lhr.audits[id]?.displayValue);
      }
    }
    const score = (k: string) => Math.round((c[k]?.score ?? 0) * 100);
    return {
      url,
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
    };
  } finally {
    chrome.kill();
    await pwa.close();
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await runLighthouse(process.argv[2] ?? '/');
  console.log(`Lighthouse (mobile) ${s.url}`);
  console.log(
    `  performance ${s.performance}   accessibility ${s.accessibility}   best practices ${s.bestPractices}   (goal ≥ 95 each)`,
  );
}
