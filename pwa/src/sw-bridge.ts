import { type ReadonlySignal, signal } from '@preact/signals';
import { Workbox } from 'workbox-window';

const waiting = signal(false);
const controlled = signal(false);
let workbox: Workbox | null = null;

/** True while a new service worker is installed and waits for the user's consent. */
export const updateAvailable: ReadonlySignal<boolean> = waiting;
/** True once a service worker controls this page (install criteria, offline readiness). */
export const swControlling: ReadonlySignal<boolean> = controlled;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  controlled.value = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    controlled.value = true;
  });
  workbox = new Workbox('/sw.js', { scope: '/' });
  // 'waiting' fires both for a worker that starts waiting now and for one already waiting from an earlier visit.
  workbox.addEventListener('waiting', () => {
    waiting.value = true;
  });
  void workbox.register();
  // Look for a new version whenever the app comes back to the foreground (phones keep PWAs alive for days).
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void workbox?.update();
  });
}

/** The user accepted the update: let the waiting worker take over, then reload once it controls the page. */
export function acceptUpdate(): void {
  const wb = workbox;
  if (!wb) return;
  wb.addEventListener('controlling', () => window.location.reload());
  wb.messageSkipWaiting();
}

export function dismissUpdate(): void {
  waiting.value = false;
}
