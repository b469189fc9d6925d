import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS } from '../shared/alerts.ts';
import { parseEnvelope } from './message-validators.ts';

const watch = {
  id: null,
  productId: '1005006180026951',
  skuId: '12000037658291847',
  currency: 'EUR',
  region: 'DE',
  title: 'x',
  url: 'https://www.aliexpress.com/item/1005006180026951.html',
  conditions: { targetPrice: 999, pctBelowTypical: 'default', allTimeLow: true, backInStock: false },
  landed: false,
};

const ok = (type: string, payload: unknown) => 'envelope' in parseEnvelope({ type, payload });

describe('watch and notification-settings messages', () => {
  it('accepts a well-formed watch', () => {
    expect(ok('watch:save', watch)).toBe(true);
    expect(ok('watch:save', { ...watch, skuId: null, region: null, url: null })).toBe(true);
  });

  it.each([
    ['a negative target', { conditions: { ...watch.conditions, targetPrice: -1 } }],
    ['a fractional target', { conditions: { ...watch.conditions, targetPrice: 9.5 } }],
    ['a 100% drop', { conditions: { ...watch.conditions, pctBelowTypical: 100 } }],
    ['a non-AliExpress URL', { url: 'https://evil.example/item/1.html' }],
    ['a javascript: URL', { url: 'javascript:alert(1)' }],
    ['a lowercase currency', { currency: 'eur' }],
    ['a numeric SKU id', { skuId: 12000037658 }],
    ['a bad watch id', { id: '../../x' }],
  ])('rejects %s', (_, patch) => {
    expect(ok('watch:save', { ...watch, ...patch })).toBe(false);
  });

  it('validates settings: HH:MM times and a real IANA time zone', () => {
    const s = { ...DEFAULT_ALERT_SETTINGS, paused: false, timeZone: 'Europe/Berlin' };
    expect(ok('notification-settings:set', s)).toBe(true);
    expect(ok('notification-settings:set', { ...s, timeZone: 'Mars/Olympus' })).toBe(false);
    expect(ok('notification-settings:set', { ...s, digestTimes: ['9:00'] })).toBe(false);
    expect(
      ok('notification-settings:set', { ...s, quietHours: { enabled: true, start: '24:00', end: '08:00' } }),
    ).toBe(false);
    expect(ok('notification-settings:set', { ...s, defaultPctBelowTypical: 0 })).toBe(false);
  });
});
