/**
 * `npm start`: the whole product on this machine with no external services.
 * Builds the extension for Chrome and Firefox, serves the API on its embedded PGlite database,
 * and keeps running until stopped (Ctrl+C).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { buildPwa, startPwa } from '../pwa/serve.ts';
import { startApi } from '../worker/src/local.ts';

const root = resolve(import.meta.dirname, '..');

function build(browser: 'chrome' | 'firefox'): void {
  const run = spawnSync('npx', ['wxt', 'build', '-b', browser], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`Building the ${browser} extension failed (exit ${run.status}).`);
    process.exit(1);
  }
}

build('chrome');
build('firefox');
buildPwa();

const api = await startApi({
  port: Number(process.env.PORT ?? 8787),
  dataDir: resolve(root, process.env.DATA_DIR ?? '.data'),
});
const pwa = await startPwa({ port: Number(process.env.PWA_PORT ?? 8788), apiUrl: api.url });

console.log(`
AliExpress Companion is running.

  Chrome extension   ${resolve(root, '.output/chrome-mv3')}
                     chrome://extensions → Developer mode → Load unpacked → pick that folder
  Firefox extension  ${resolve(root, '.output/firefox-mv3')}
                     about:debugging#/runtime/this-firefox → Load Temporary Add-on → pick its manifest.json
  PWA (phone app)    ${pwa.url}  (same-origin /v1 proxy to the API)
  API                ${api.url}  (embedded PGlite in ${resolve(root, process.env.DATA_DIR ?? '.data')})

Press Ctrl+C to stop.`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await pwa.close();
  await api.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
