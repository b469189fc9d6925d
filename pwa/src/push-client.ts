import { effect, signal } from '@preact/signals';
import {
  type PushWatch,
  pushKeyResponseSchema,
  pushRegisterResponseSchema,
  pushUnregisterResponseSchema,
} from '../../shared/api-pwa.ts';
import { formatDecimal } from '../../shared/money.ts';
import type { WatchRow } from './db.ts';
import { PUSH_ON_KEY } from './start-flags.ts';
import { db, watchlist } from './store.ts';

const BASE: string = import.meta.env.VITE_API_URL ?? '';
const ENABLED_KEY = 'push-enabled';

export type PushState = 'unsupported' | 'off' | 'on' | 'denied' | 'busy' | 'error';
export const pushState = signal<PushState>('off');

function supported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

function base64urlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const raw = atob(b64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export function toPushWatches(rows: readonly WatchRow[]): PushWatch[] {
  return rows.map((w) => ({
    productId: w.productId,
    currency: w.currency,
    region: w.region,
    target: formatDecimal(w.target, w.currency),
  }));
}

async function send(method: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(BASE + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  return res.json();
}

async function register(subscription: PushSubscription, rows: readonly WatchRow[]): Promise<void> {
  pushRegisterResponseSchema.parse(
    await send('POST', '/v1/push/subscription', {
      subscription: subscription.toJSON(),
      watches: toPushWatches(rows),
    }),
  );
}

/** Ask permission, subscribe with the worker's VAPID key, and hand the worker the watchlist's targets. */
export async function enablePush(): Promise<void> {
  if (!supported()) {
    pushState.value = 'unsupported';
    return;
  }
  pushState.value = 'busy';
  try {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      pushState.value = 'denied';
      return;
    }
    const keyRes = await fetch(`${BASE}/v1/push/key`);
    const { publicKey } = pushKeyResponseSchema.parse(await keyRes.json());
    const reg = await navigator.serviceWorker.ready;
    const subscription =
      (await reg.pushManager.getSubscription()) ??
      (await reg.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: base64urlToBytes(publicKey),
      }));
    await register(subscription, watchlist.items.value);
    await db.meta.put({ key: ENABLED_KEY, value: true });
    localStorage.setItem(PUSH_ON_KEY, '1');
    pushState.value = 'on';
  } catch (error) {
    console.error('enabling push failed', error);
    pushState.value = 'error';
  }
}

export async function disablePush(): Promise<void> {
  pushState.value = 'busy';
  try {
    const reg = await navigator.serviceWorker.ready;
    const subscription = await reg.pushManager.getSubscription();
    if (subscription) {
      pushUnregisterResponseSchema.parse(
        await send('DELETE', '/v1/push/subscription', { endpoint: subscription.endpoint }),
      );
      await subscription.unsubscribe();
    }
  } catch (error) {
    console.error('disabling push failed', error);
  }
  await db.meta.put({ key: ENABLED_KEY, value: false });
  localStorage.removeItem(PUSH_ON_KEY);
  pushState.value = 'off';
}

/** Restore the toggle and keep the worker's copy of the targets in step with the watchlist. */
let initialised = false;

export async function initPush(): Promise<void> {
  if (initialised) return;
  initialised = true;
  if (!supported()) {
    pushState.value = 'unsupported';
    return;
  }
  const enabled = (await db.meta.get(ENABLED_KEY))?.value === true;
  pushState.value = enabled && Notification.permission === 'granted' ? 'on' : 'off';
  let last = '';
  effect(() => {
    const rows = watchlist.items.value;
    if (pushState.value !== 'on') return;
    const snapshot = JSON.stringify(toPushWatches(rows));
    if (snapshot === last) return;
    last = snapshot;
    void (async () => {
      const reg = await navigator.serviceWorker.ready;
      const subscription = await reg.pushManager.getSubscription();
      if (subscription) await register(subscription, rows).catch(() => undefined);
    })();
  });
}
