import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRODUCT_PAGE_MATCHES } from '../../extension/hosts.ts';
import type { PreparedBuild } from './launch.ts';

/**
 * TEST-ONLY, on a copy of the Firefox build: checks that the price model (ONNX Runtime WebAssembly, CSP
 * 'wasm-unsafe-eval') runs in Firefox's background, where the shipped background imports it. Firefox cannot
 * script extension pages or the background over BiDi, so a content script relays a series from the page
 * (`data-companion-model-ask`) over a port to a second background module, which imports the same model chunk
 * the background imports and writes the answer back (`data-companion-model`). A port, not sendMessage: the
 * router would answer (and reject) any runtime message first.
 */
export const MODEL_ASK = 'data-companion-model-ask';
export const MODEL_ANSWER = 'data-companion-model';

const CONTENT = `(() => {
  const root = document.documentElement;
  new MutationObserver(() => {
    const ask = root.getAttribute(${JSON.stringify(MODEL_ASK)});
    if (!ask) return;
    root.removeAttribute(${JSON.stringify(MODEL_ASK)});
    const port = browser.runtime.connect({ name: 'model-probe' });
    port.onMessage.addListener((answer) => {
      root.setAttribute(${JSON.stringify(MODEL_ANSWER)}, JSON.stringify(answer));
      port.disconnect();
    });
    port.postMessage(JSON.parse(ask));
  }).observe(root, { attributes: true, attributeFilter: [${JSON.stringify(MODEL_ASK)}] });
})();
`;

const background = (chunk: string) => `browser.runtime.onConnect.addListener((port) => {
  if (port.name !== 'model-probe') return;
  port.onMessage.addListener(async (series) => {
    try {
      const model = await import(${JSON.stringify(`./chunks/${chunk}`)});
      port.postMessage({ ok: true, data: await model.predictPrice(series) });
    } catch (error) {
      port.postMessage({ ok: false, error: String(error) });
    }
  });
});
`;

export function buildWithModelProbe(build: string): PreparedBuild {
  const dir = mkdtempSync(join(tmpdir(), 'companion-firefox-model-'));
  cpSync(build, dir, { recursive: true });
  const chunk = readdirSync(join(dir, 'chunks')).find((f) => /^price-model-.*\.js$/.test(f));
  if (!chunk) throw new Error(`no price-model chunk in ${build}/chunks: is it a Firefox build?`);
  writeFileSync(join(dir, 'model-probe-content.js'), CONTENT);
  writeFileSync(join(dir, 'model-probe-background.js'), background(chunk));
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    content_scripts?: unknown[];
    background: { scripts: string[] };
  };
  manifest.content_scripts = [
    ...(manifest.content_scripts ?? []),
    { matches: PRODUCT_PAGE_MATCHES, js: ['model-probe-content.js'], run_at: 'document_idle' },
  ];
  manifest.background.scripts = [...manifest.background.scripts, 'model-probe-background.js'];
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
