import type { ManifestOptions } from 'vite-plugin-pwa';

export const THEME_COLOR = '#c2410c';
export const BACKGROUND_COLOR = '#ffffff';

/** The Web App Manifest; vite-plugin-pwa writes it as manifest.webmanifest and links it from index.html. */
export const manifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'AliExpress Companion',
  short_name: 'Companion',
  description: 'Price history, fair-discount verdicts and price alerts for AliExpress products.',
  lang: 'en',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  theme_color: THEME_COLOR,
  background_color: BACKGROUND_COLOR,
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  // The AliExpress app shares "text with a link" (often only in `text`), so all three params are read.
  share_target: {
    action: '/share',
    method: 'GET',
    enctype: 'application/x-www-form-urlencoded',
    params: { title: 'title', text: 'text', url: 'url' },
  },
};
