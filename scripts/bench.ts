/**
 * `npm run bench`: prints figures, asserts nothing (speed goals are read by people, not by tests).
 * One function per section; add a section by writing a function and listing it in SECTIONS.
 * Goals (issue 3): extraction ≤ 5 ms p95 on the 147-SKU page; all content scripts together ≤ 15 KB gzipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { pwaBundleSection, pwaLighthouseSection } from '../pwa/bench.ts';
import { extract } from '../shared/extract/index.ts';
import { sharedDir } from '../shared/testing/shared-dir.ts';
import { notificationLatency } from './bench-notifications.ts';
import { prediction } from './bench-prediction.ts';
import { screens } from './bench-screens.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 200;
const WARMUP = 30;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Extraction time per fixture in Node, as the CLI and an `outerHTML` caller hand pages over. */
async function extraction(): Promise<void> {
  const dir = join(sharedDir(), 'fixtures', 'aliexpress');
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
    cases: { file: string; url?: string }[];
  };
  const urls = new Map(expected.cases.map((c) => [c.file, c.url]));
  const files = readdirSync(dir).filter((f) => /\.(html|json|txt)$/.test(f) && f !== 'expected.json');
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (2 cores: figures above ~2 are contended)`,
  );
  const head = ['size', 'median', 'p95', 'cpu med', 'cpu p95'].map((h) => h.padStart(9)).join(' ');
  console.log(`${'fixture'.padEnd(72)} ${head}  status`);
  for (const file of files) {
    const html = readFileSync(join(dir, file), 'utf8');
    const input = { html, url: urls.get(file) };
    for (let i = 0; i < WARMUP; i++) extract(input);
    const wall: number[] = [];
    const cpu: number[] = [];
    let status = '';
    for (let i = 0; i < RUNS; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      status = extract(input).status;
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const ms = (n: number) => `${n.toFixed(2)} ms`.padStart(9);
    const cols = [quantile(wall, 0.5), quantile(wall, 0.95), quantile(cpu, 0.5), quantile(cpu, 0.95)].map(ms);
    console.log(`${file.padEnd(72)} ${kb(html.length).padStart(9)} ${cols.join(' ')}  ${status}`);
  }
  console.log(
    `(${RUNS} runs each after ${WARMUP} warm-ups; wall clock and process CPU time (less inflated by a loaded machine); goal: p95 ≤ 5 ms on the 147-SKU page)`,
  );
}

/** The extractor alone, bundled and minified as a content script would carry it. */
async function extractorBundle(): Promise<void> {
  const out = await build({
    entryPoints: [join(ROOT, 'shared/extract/index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    target: 'es2022',
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]?.contents ?? new Uint8Array();
  console.log(`shared/extract bundled + minified: ${kb(code.length)}, gzipped ${kb(gzipSync(code).length)}`);
}

/** Gzipped sizes of the built content scripts, as the manifest lists them (needs `npm run build`). */
async function contentScripts(): Promise<void> {
  const build = join(ROOT, '.output/chrome-mv3');
  const manifestPath = join(build, 'manifest.json');
  if (!existsSync(manifestPath)) {
    console.log('no build at .output/chrome-mv3: run `npm run build` first');
    return;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    content_scripts?: { js?: string[]; matches?: string[] }[];
  };
  // The goal is per page: product pages and order pages load different scripts (the order scripts match only
  // /p/order/ and /p/tracking/), so scripts are summed by the pages they match.
  const pages = new Map<string, Set<string>>();
  for (const cs of manifest.content_scripts ?? []) {
    const key = [...(cs.matches ?? [])].sort().join(' ');
    pages.set(key, new Set([...(pages.get(key) ?? []), ...(cs.js ?? [])]));
  }
  for (const [matches, files] of pages) {
    let total = 0;
    for (const file of files) {
      const bytes = readFileSync(join(build, file));
      const gz = gzipSync(bytes).length;
      total += gz;
      console.log(`${file.padEnd(40)} ${kb(bytes.length).padStart(9)} raw ${kb(gz).padStart(9)} gzipped`);
    }
    console.log(`total ${kb(total)} gzipped on ${matches.split(' ')[0]}… (goal ≤ 15 KB)`);
  }
}

const SECTIONS: [string, () => Promise<void>][] = [
  ['Extraction time per fixture (Node)', extraction],
  ['Extractor bundle size', extractorBundle],
  ['Content-script bundle sizes (Chrome build)', contentScripts],
  ['Notification latency (Chromium, built extension)', notificationLatency],
  ['Buy-or-wait predictor: sizes and inference (Chromium, built extension)', prediction],
  ['Screens: dashboard, popup, product history, widget (Chromium, built extension)', screens],
  ['PWA bundle sizes (gzip)', pwaBundleSection],
  ['PWA Lighthouse (mobile)', pwaLighthouseSection],
];

for (const [title, section] of SECTIONS) {
  console.log(`\n## ${title}`);
  await section();
}
