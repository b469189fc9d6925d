import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/alerts.ts';
import { DAY_MS } from '../../shared/history.ts';
import { orderNotices } from '../../shared/orders/notify.ts';
import type { OrderRecord } from '../../shared/orders/types.ts';
import { setLocale } from '../ui/i18n.ts';
import { alertText, noticeText } from './notification-text.ts';

const NOW = Date.UTC(2026, 10, 25, 10, 0);
const alert: Alert = {
  id: 'w1|target|1',
  watchId: 'w1',
  productId: '1005001',
  skuId: null,
  url: null,
  type: 'target',
  currency: 'EUR',
  price: 9739,
  threshold: 9999,
  observedAt: NOW,
  confirmedBySecondRead: false,
  flashDeal: true,
  dealEndsAt: null,
  title: '',
  body: '',
};
const order: OrderRecord = {
  id: '81',
  orderedAt: Date.UTC(2026, 10, 2),
  status: 'shipped',
  statusText: null,
  storeName: 'Lamp Store',
  storeId: null,
  currency: 'USD',
  total: 2599,
  lines: [
    {
      lineId: 'l1',
      title: 'Desk lamp',
      productId: '1',
      skuId: null,
      attributes: null,
      quantity: 1,
      unitPrice: 2599,
      image: null,
    },
    {
      lineId: 'l2',
      title: 'Bulb',
      productId: '2',
      skuId: null,
      attributes: null,
      quantity: 1,
      unitPrice: 100,
      image: null,
    },
  ],
  parcels: [],
  protectionEndsAt: NOW + 3 * DAY_MS,
  deliveredAt: null,
  sources: ['order-list'],
  firstSeenAt: NOW,
  updatedAt: NOW,
};

describe('notification texts', () => {
  afterEach(() => setLocale(['en']));

  it('in English say what the shared rules say', () => {
    setLocale(['en']);
    expect(alertText(alert, 'Desk lamp')).toEqual({
      title: 'Target price reached: €97.39',
      body: 'Desk lamp. Your target was €99.99. Flash deal. Confirmed: full page read at the regular price.',
    });
    const [notice] = orderNotices(undefined, order, NOW);
    expect(noticeText(notice!, order, NOW)).toEqual({ title: notice!.title, body: notice!.body });
  });

  it('follow the language: money, plurals and the product name as text', () => {
    setLocale(['de-DE']);
    // Intl puts a no-break space before the euro sign in German.
    const plain = (s: string) => s.replace(/\u00a0/g, ' ');
    const text = alertText({ ...alert, flashDeal: false }, '<b>Lampe</b>');
    expect(plain(text.title)).toBe('Zielpreis erreicht: 97,39 €');
    expect(plain(text.body)).toBe(
      '<b>Lampe</b>. Dein Ziel war 99,99 €. Bestätigt: ganze Seite zum regulären Preis gelesen.',
    );
    const [notice] = orderNotices(undefined, order, NOW);
    expect(noticeText(notice!, order, NOW).title).toBe('Käuferschutz endet in 3 Tagen');
    setLocale(['fr-FR']);
    expect(noticeText(notice!, { ...order, protectionEndsAt: NOW + DAY_MS }, NOW).title).toBe(
      'La protection acheteur se termine dans 1 jour',
    );
  });
});
