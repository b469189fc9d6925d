/**
 * PWA budget figures (printed, never asserted): the JavaScript the first route downloads, gzipped — the entry
 * script plus its static imports (modulepreload), not the lazily loaded product view or API client — and what
 * the service worker precaches. `npx tsx pwa/bench.ts` (builds pwa/dist first if missing).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildPwa, DEFAULT_DIST } from './serve.ts';

export const FIRST_ROUTE_JS_BUDGET_KB = 60;

export interface PwaBenchFigures {
  /** Entry chunk and its static imports: what runs before the first paint. */
  firstPaintJsGzipKb: number;
  /** What "/" needs to render and work: the entry and the watchlist (Dexie). */
  homeRouteJsGzipKb: number;
  /** Loaded after the list shows, when there are watches and a connection: the API client (zod) refreshing verdicts. */
  backgroundRefreshJsGzipKb: number;
  /** What opening a product adds on top (the view, uPlot, the API client). */
  productRouteExtraJsGzipKb: number;
  cssGzipKb: number;
  swGzipKb: number;
  precacheEntries: number;
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  isEntry?: boolean;
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

/** A chunk and everything it imports statically. */
function closure(
  manifest: Record<string, ManifestChunk>,
  keys: string[],
  into = new Set<string>(),
): Set<string> {
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) continue;
    into.add(chunk.file);
    closure(manifest, chunk.imports ?? [], into);
  }
  return into;
}

export function pwaBench(dist = DEFAULT_DIST): PwaBenchFigures {
  if (!existsSync(join(dist, '.vite/manifest.json'))) buildPwa();
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const size = (files: Iterable<string>) => [...files].reduce((n, f) => n + gz(join(dist, f)), 0);
  const entry = closure(manifest, ['index.html']);
  const home = closure(manifest, ['src/watchlist-view.tsx'], new Set(entry));
  const refresh = closure(manifest, ['src/series-data.ts'], new Set(home));
  const product = closure(manifest, ['src/product-view.tsx'], new Set(refresh));
  const css = new Set(Object.values(manifest).flatMap((c) => c.css ?? []));
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  return {
    firstPaintJsGzipKb: size(entry),
    homeRouteJsGzipKb: size(home),
    backgroundRefreshJsGzipKb: size(refresh) - size(home),
    productRouteExtraJsGzipKb: size(product) - size(refresh),
    cssGzipKb: size(css),
    swGzipKb: gz(join(dist, 'sw.js')),
    precacheEntries: (sw.match(/"url":/g) ?? sw.match(/url:"/g) ?? []).length,
  };
}

export function printPwaBench(f: PwaBenchFigures): void {
  const verdict = f.homeRouteJsGzipKb <= FIRST_ROUTE_JS_BUDGET_KB ? 'within' : 'OVER';
  console.log('PWA bundle (gzip -9)');
  console.log(`  first paint JS        ${f.firstPaintJsGzipKb.toFixed(1)} KB`);
  console.log(
    `  first route JS ("/")  ${f.homeRouteJsGzipKb.toFixed(1)} KB  (${verdict} the ${FIRST_ROUTE_JS_BUDGET_KB} KB goal)`,
  );
  console.log(
    `  + verdict refresh     ${f.backgroundRefreshJsGzipKb.toFixed(1)} KB  (after the list shows, when watching)`,
  );
  console.log(
    `  + product view        ${f.productRouteExtraJsGzipKb.toFixed(1)} KB  (loaded on first product)`,
  );
  console.log(`  CSS                   ${f.cssGzipKb.toFixed(1)} KB`);
  console.log(`  service worker        ${f.swGzipKb.toFixed(1)} KB, ${f.precacheEntries} precached files`);
}

/** `npm run bench` section: rebuilds, then prints the figures. */
export async function pwaBundleSection(): Promise<void> {
  buildPwa();
  printPwaBench(pwaBench());
}

/** `npm run bench` section: Lighthouse mobile scores on "/" (goal ≥ 95 each). */
export async function pwaLighthouseSection(): Promise<void> {
  const { runLighthouse } = await import('./lighthouse.ts');
  const s = await runLighthouse('/');
  console.log(`Lighthouse (mobile, simulated throttling) ${s.url}`);
  console.log(
    `  performance ${s.performance}   accessibility ${s.accessibility}   best practices ${s.bestPractices}   (goal ≥ 95 each)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printPwaBench(pwaBench());
}
