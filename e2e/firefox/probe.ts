import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRODUCT_PAGE_MATCHES } from '../../extension/hosts.ts';
import type { PreparedBuild } from './launch.ts';

/**
 * Firefox cannot script extension pages or the background over BiDi, so the test reads state through a
 * TEST-ONLY content script added to a copy of the build: when the page sets `data-companion-probe-ask`, it
 * asks the background (`product:view`, the same message the in-page widget will use) and writes the reply
 * into `data-companion-probe`. The shipped build never contains it.
 */
export const ASK = 'data-companion-probe-ask';
export const ANSWER = 'data-companion-probe';

const PROBE = `(() => {
  const root = document.documentElement;
  new MutationObserver(async () => {
    const productId = root.getAttribute(${JSON.stringify(ASK)});
    if (!productId) return;
    root.removeAttribute(${JSON.stringify(ASK)});
    let answer;
    try {
      answer = await browser.runtime.sendMessage({ type: 'product:view', payload: { productId } });
    } catch (error) {
      answer = { ok: false, error: String(error) };
    }
    root.setAttribute(${JSON.stringify(ANSWER)}, JSON.stringify(answer));
  }).observe(root, { attributes: true, attributeFilter: [${JSON.stringify(ASK)}] });
})();
`;

export function buildWithProbe(build: string): PreparedBuild {
  const dir = mkdtempSync(join(tmpdir(), 'companion-firefox-'));
  cpSync(build, dir, { recursive: true });
  writeFileSync(join(dir, 'companion-probe.js'), PROBE);
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { content_scripts?: unknown[] };
  manifest.content_scripts = [
    ...(manifest.content_scripts ?? []),
    { matches: PRODUCT_PAGE_MATCHES, js: ['companion-probe.js'], run_at: 'document_idle' },
  ];
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
