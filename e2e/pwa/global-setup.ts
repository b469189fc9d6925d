import { buildPwa } from '../../pwa/serve.ts';

/** Test the current sources, never a stale pwa/dist. PWA_SKIP_BUILD=1 reuses the build `npm run build:pwa` made. */
export default function globalSetup(): void {
  if (process.env.PWA_SKIP_BUILD !== '1') buildPwa();
}
