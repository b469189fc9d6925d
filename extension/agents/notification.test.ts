import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ExtractResult } from '../../shared/extract/types.ts';
import { type CompanionDb, openDb } from '../db.ts';
import type { WatchInput } from '../messaging.ts';
import { okResult } from '../test-results.ts';
import { auditText } from '../ui/audit-text.ts';
import { expectWordedAudit } from '../ui/audit-text-check.ts';
import { setLocale } from '../ui/i18n.ts';
import type { RecordedEvent, SenderInfo } from './agent.ts';
import { recordExtraction } from './caching.ts';
import {
  browserNotificationPort,
  DELIVERY_ALARM,
  defaultNotificationSettings,
  type NotificationAgent,
  type NotificationPort,
  type NotificationSettings,
  notificationAgent,
  SETTINGS_KEY,
} from './notification.ts';

// 2026-11-25 11:00 UTC = 12:00 in Berlin: outside the default quiet hours.
const T0 = Date.UTC(2026, 10, 25, 11, 0);
const MIN = 60_000;
const PRODUCT = '1005012410104961';
const SKU = '12000058476050807';
const ui: SenderInfo = { kind: 'ui', tabId: null, url: 'chrome-extension://x/popup.html' };
const content: SenderInfo = {
  kind: 'content',
  tabId: 1,
  url: `https://id.aliexpress.com/item/${PRODUCT}.html`,
};

/** A notification centre that remembers what it shows and can "kill the worker" right after showing. */
class FakePort implements NotificationPort {
  shown = new Map<string, { title: string; message: string }>();
  shows = 0;
  opened: string[] = [];
  alarm: number | null = null;
  crashAfterShow = false;
  async show(id: string, n: { title: string; message: string }) {
    this.shows++;
    this.shown.set(id, n);
    if (this.crashAfterShow) throw new Error('service worker stopped');
  }
  async shownIds() {
    return [...this.shown.keys()];
  }
  async clear(id: string) {
    this.shown.delete(id);
  }
  async scheduleAt(when: number | null) {
    this.alarm = when;
  }
  async openTab(url: string) {
    this.opened.push(url);
  }
  watchlistUrl() {
    return 'chrome-extension://x/watchlist.html';
  }
}

describe('notification agent', () => {
  let db: CompanionDb;
  let now: number;
  let port: FakePort;
  let agent: NotificationAgent;
  const clock = () => now;
  const newAgent = () => notificationAgent(db, { port, now: clock });

  beforeEach(async () => {
    db = openDb(`test-${crypto.randomUUID()}`);
    now = T0;
    port = new FakePort();
    await setSettings({ timeZone: 'Europe/Berlin' });
    agent = newAgent();
  });
  afterEach(async () => {
    await expectWordedAudit(db);
    await db.delete();
  });

  async function setSettings(patch: Partial<NotificationSettings>) {
    const current = (await db.settings.get(SETTINGS_KEY))?.value as NotificationSettings | undefined;
    await db.settings.put({
      key: SETTINGS_KEY,
      value: { ...defaultNotificationSettings(), ...current, ...patch },
    });
  }

  /** What the background does on a page read: store it (caching agent), then tell the notification agent. */
  async function visit(price: number, overrides: Partial<ExtractResult> = {}, a: NotificationAgent = agent) {
    const result = okResult({
      price: { min: price, max: price + 1000 },
      skus: okResult().skus.map((s) => (s.skuId === SKU ? { ...s, price } : s)),
      ...overrides,
    });
    const outcome = await recordExtraction(db, result, { now, trigger: 'load', tabUrl: content.url });
    const event: RecordedEvent = { result, outcome, sender: content };
    await a.onRecorded!(event);
  }

  async function watch(conditions: Partial<WatchInput['conditions']>, skuId: string | null = null) {
    return agent.handlers!['watch:save']!(
      {
        id: null,
        productId: PRODUCT,
        skuId,
        currency: 'IDR',
        region: 'ID',
        title: 'Hair straightener',
        url: `https://id.aliexpress.com/item/${PRODUCT}.html`,
        conditions: {
          targetPrice: null,
          pctBelowTypical: null,
          allTimeLow: false,
          backInStock: false,
          ...conditions,
        },
        landed: false,
      },
      ui,
    );
  }

  async function audit(): Promise<string[]> {
    return (await db.auditEvents.where('kind').equals('alert').sortBy('id')).map((e) => e.detail);
  }

  it('target crossed → exactly one notification; the same price again → no second one', async () => {
    await visit(34_000_000);
    now += MIN;
    await watch({ targetPrice: 30_000_000 });
    now += 2 * 60 * MIN;
    await visit(29_000_000);
    expect(port.shows).toBe(1);
    const [n] = [...port.shown.values()];
    expect(n!.title).toContain('Target price reached');
    expect(n!.message).toContain('Confirmed');
    now += 2 * 60 * MIN;
    await visit(29_000_000);
    now += 2 * 60 * MIN;
    await visit(28_500_000);
    expect(port.shows).toBe(1);
    const log = await audit();
    expect(log.some((d) => d.startsWith('fired target'))).toBe(true);
    expect(log.some((d) => d.startsWith('delivered target'))).toBe(true);
    expect(log.some((d) => d.includes('already fired for this crossing'))).toBe(true);
  });

  it('a new-user-price read → no notification, and the audit says why', async () => {
    await visit(34_000_000);
    await watch({ targetPrice: 30_000_000 });
    now += 2 * 60 * MIN;
    await visit(1_000_000, { flags: ['new-user-price'] });
    expect(port.shows).toBe(0);
    expect((await audit()).some((d) => d.includes('new-user price'))).toBe(true);
  });

  it('a blocked page read is audited as suppressed for the watched product', async () => {
    await visit(34_000_000);
    await watch({ targetPrice: 30_000_000 });
    const result = okResult({ status: 'blocked', reason: 'captcha', price: null });
    const outcome = await recordExtraction(db, result, { now, trigger: 'load', tabUrl: content.url });
    await agent.onRecorded!({ result, outcome, sender: content });
    expect(port.shows).toBe(0);
    expect((await audit()).some((d) => d.includes('not usable: blocked'))).toBe(true);
  });

  it('a worker stopped between detection and delivery delivers exactly once after restart', async () => {
    await visit(34_000_000);
    await watch({ targetPrice: 30_000_000 });
    await setSettings({ paused: true });
    now += 2 * 60 * MIN;
    await visit(29_000_000);
    expect(port.shows).toBe(0);
    expect(await db.outbox.where('status').equals('pending').count()).toBe(1);
    // The worker dies; a new one starts.
    await setSettings({ paused: false });
    await newAgent().start();
    expect(port.shows).toBe(1);
    await newAgent().start();
    expect(port.shows).toBe(1);
  });

  it('a watch on a variant the page did not select still hears its price', async () => {
    const other = '12000058476050808'; // priced on the page, not selected: the caching agent stores no read of it
    const pageWith = (price: number, available: boolean) =>
      okResult({ skus: okResult().skus.map((s) => (s.skuId === other ? { ...s, price, available } : s)) });
    const show = async (result: ExtractResult) => {
      const outcome = await recordExtraction(db, result, { now, trigger: 'load', tabUrl: content.url });
      await agent.onRecorded!({ result, outcome, sender: content });
    };
    await visit(34_000_000);
    await watch({ targetPrice: 33_000_000 }, other);
    // Cheaper but out of stock: nothing to buy, no alert.
    now += 2 * 60 * MIN;
    await show(pageWith(30_000_000, false));
    expect(port.shows).toBe(0);
    expect((await audit()).some((d) => d.includes('target: out of stock'))).toBe(true);
    // Cheaper and available: one alert for that variant.
    now += 2 * 60 * MIN;
    await show(pageWith(32_000_000, true));
    expect(port.shows).toBe(1);
    expect([...port.shown.keys()][0]).toContain('|target|');
  });

  it('a held jump is confirmed by a reload at the same price, which the caching agent does not store again', async () => {
    await visit(34_000_000);
    await watch({ targetPrice: 30_000_000 });
    now += 2 * 60 * MIN;
    await visit(5_000_000); // −85%: held for a second read
    expect(port.shows).toBe(0);
    expect((await audit()).some((d) => d.startsWith('held'))).toBe(true);
    now += 5 * MIN;
    await visit(5_000_000); // deduped by the caching agent, still the second read
    expect(port.shows).toBe(1);
    expect([...port.shown.values()][0]!.message).toContain('confirmed by a second read');
    now += 5 * MIN;
    await visit(5_000_000);
    expect(port.shows).toBe(1);
  });

  it('back in stock at an unchanged price within the hour (not stored again) still counts', async () => {
    await visit(34_000_000, { flags: ['out-of-stock'] });
    await watch({ backInStock: true });
    now += 10 * MIN;
    await visit(34_000_000);
    const [row] = await db.outbox.toArray();
    expect(row).toMatchObject({ status: 'pending', mode: 'digest', alert: { type: 'back-in-stock' } });
  });

  it('paused notifications are queued and audited, and shown once resumed', async () => {
    await visit(34_000_000);
    await watch({ targetPrice: 30_000_000 });
    await setSettings({ paused: true });
    now += 2 * 60 * MIN;
    await visit(29_000_000);
    expect(port.shows).toBe(0);
    expect(port.alarm).toBeNull(); // no wake-ups while paused
    expect((await audit()).some((d) => d.includes('notifications paused'))).toBe(true);
    const pausedRow = (await db.auditEvents.where('kind').equals('alert').toArray()).find((r) =>
      r.detail.includes('notifications paused'),
    )!;
    expect(pausedRow.message?.vars.reasonCode).toBe('paused');
    setLocale(['es-ES']);
    expect(auditText(pausedRow)).toContain('notificaciones en pausa');
    setLocale(['en']);
    const s = await agent.handlers!['notification-settings:get']!({}, ui);
    await agent.handlers!['notification-settings:set']!({ ...s, paused: false }, ui);
    expect(port.shows).toBe(1);
  });

  it('a worker stopped after showing but before recording it does not show it again', async () => {
    await visit(34_000_000);
    await watch({ targetPrice: 30_000_000 });
    port.crashAfterShow = true;
    now += 2 * 60 * MIN;
    await expect(visit(29_000_000)).resolves.toBeUndefined(); // the agent swallows and audits the error
    expect(port.shows).toBe(1);
    expect((await db.outbox.toArray()).map((r) => r.status)).toEqual(['delivering']);
    port.crashAfterShow = false;
    await newAgent().start();
    expect(port.shows).toBe(1);
    expect((await db.outbox.toArray()).map((r) => r.status)).toEqual(['delivered']);
    expect((await audit()).some((d) => d.includes('already on screen after a restart'))).toBe(true);
  });

  it('reads stored while detection never ran are caught up at start', async () => {
    await visit(34_000_000);
    await watch({ targetPrice: 30_000_000 });
    now += 2 * 60 * MIN;
    // Stored by the caching agent, but the worker died before the notification agent saw it.
    await recordExtraction(db, okResult({ price: { min: 29_000_000, max: 30_000_000 } }), {
      now,
      trigger: 'load',
      tabUrl: content.url,
    });
    expect(port.shows).toBe(0);
    await newAgent().start();
    expect(port.shows).toBe(1);
  });

  it('quiet hours defer to their end; the alarm then delivers', async () => {
    await setSettings({ quietHours: { enabled: true, start: '11:00', end: '14:00' } }); // 12:00 Berlin is quiet
    await visit(34_000_000);
    await watch({ targetPrice: 30_000_000 });
    now = T0 + 30 * MIN; // 12:30 Berlin, still quiet
    await visit(29_000_000);
    expect(port.shows).toBe(0);
    expect(port.alarm).toBe(Date.UTC(2026, 10, 25, 13, 0));
    expect((await audit()).some((d) => d.startsWith('deferred target: quiet hours'))).toBe(true);
    // The Privacy centre words the coded reason and its end time in the shopper's language.
    const rows = await db.auditEvents.where('kind').equals('alert').toArray();
    const deferred = rows.find((r) => r.detail.startsWith('deferred target'))!;
    expect(deferred.message?.vars.reasonCode).toBe('quietHours');
    setLocale(['de-DE']);
    expect(auditText(deferred)).toMatch(/^aufgeschoben \(Zielpreis\): Ruhezeit, um \d/);
    setLocale(['en']);
    now = port.alarm!;
    await agent.onAlarm('notifications:deliver');
    expect(port.shows).toBe(1);
    expect(port.alarm).toBeNull();
  });

  it('high priority breaks through quiet hours only when allowed', async () => {
    await setSettings({
      quietHours: { enabled: true, start: '11:00', end: '14:00' },
      allowBreakthrough: true,
    });
    await visit(34_000_000);
    await watch({ targetPrice: 30_000_000 });
    now += 30 * MIN;
    await visit(29_000_000);
    expect(port.shows).toBe(1);
  });

  it('low-priority alerts wait for the digest and go out as one notification', async () => {
    // Back in stock is low priority: two watched products come back, one digest at 17:00 Berlin.
    await visit(34_000_000, { flags: ['out-of-stock'] });
    await watch({ backInStock: true });
    await watch({ backInStock: true }, SKU);
    now += 70 * MIN; // the caching agent dedupes an equal price within the hour
    await visit(34_000_000);
    expect(port.shows).toBe(0);
    expect(port.alarm).toBe(Date.UTC(2026, 10, 25, 16, 0)); // 17:00 Berlin
    now = port.alarm!;
    await agent.onAlarm('notifications:deliver');
    expect(port.shows).toBe(1);
    const [id, n] = [...port.shown.entries()][0]!;
    expect(id).toMatch(/^digest\|/);
    expect(n.title).toBe('2 price updates');
    expect(await db.outbox.where('status').equals('merged').count()).toBe(2);
    // Clicking a digest opens the watchlist.
    await agent.onClicked(id);
    expect(port.opened).toEqual(['chrome-extension://x/watchlist.html']);
  });

  it('Open opens the product with the SKU selected; clicks and dismissals feed engagement', async () => {
    await visit(34_000_000);
    await watch({ targetPrice: 30_000_000 }, SKU);
    now += 2 * 60 * MIN;
    await visit(29_000_000);
    const [id] = [...port.shown.keys()];
    await agent.onButtonClicked(id!, 0);
    expect(port.opened).toEqual([`https://id.aliexpress.com/item/${PRODUCT}.html?skuId=${SKU}`]);
    expect(port.shown.size).toBe(0);
    const engagement = (await db.settings.get('notifications:engagement'))?.value as Record<
      string,
      { clicks: number }
    >;
    expect(engagement.target!.clicks).toBe(1);
    await agent.onClosed(id!, true);
    expect((await audit()).filter((d) => /^(clicked|dismissed)/.test(d))).toHaveLength(2);
  });

  it('Snooze silences the watch for a day', async () => {
    await visit(34_000_000);
    const w = await watch({ targetPrice: 30_000_000 });
    now += 2 * 60 * MIN;
    await visit(29_000_000);
    const [id] = [...port.shown.keys()];
    await agent.onButtonClicked(id!, 1);
    expect((await db.watchlist.get(w.id))?.snoozedUntil).toBe(now + 24 * 60 * MIN);
  });

  it('per-type toggles turn a type off', async () => {
    await setSettings({
      enabledTypes: { target: false, 'all-time-low': true, 'pct-drop': true, 'back-in-stock': true },
    });
    await visit(34_000_000);
    await watch({ targetPrice: 30_000_000 });
    now += 2 * 60 * MIN;
    await visit(29_000_000);
    expect(port.shows).toBe(0);
    expect((await audit()).some((d) => d.includes('target alerts are turned off'))).toBe(true);
  });

  it('watch list, delete and undo', async () => {
    await visit(34_000_000);
    const w = await watch({ targetPrice: 30_000_000 });
    const list = await agent.handlers!['watch:list']!({ productId: null }, ui);
    expect(list).toMatchObject([
      { watch: { id: w.id, currency: 'IDR', region: 'ID' }, lastPrice: 34_000_000 },
    ]);
    const backup = await agent.handlers!['watch:delete']!({ id: w.id }, ui);
    expect(await db.watchlist.count()).toBe(0);
    await agent.handlers!['watch:restore']!(backup!, ui);
    expect((await db.watchlist.get(w.id))?.conditions.targetPrice).toBe(30_000_000);
    expect(await db.watchStates.get(w.id)).toBeTruthy();
  });

  it('settings round-trip and a new digest time moves waiting digests', async () => {
    const s = await agent.handlers!['notification-settings:get']!({}, ui);
    expect(s.digestTimes).toEqual(['09:00', '13:00', '17:00']);
    await visit(34_000_000, { flags: ['out-of-stock'] });
    await watch({ backInStock: true });
    now += 70 * MIN;
    await visit(34_000_000);
    expect(port.alarm).toBe(Date.UTC(2026, 10, 25, 16, 0)); // 17:00 Berlin
    await agent.handlers!['notification-settings:set']!(
      { ...s, timeZone: 'Europe/Berlin', digestTimes: ['20:00'] },
      ui,
    );
    expect(port.alarm).toBe(Date.UTC(2026, 10, 25, 19, 0));
  });
});

describe('browser notification port', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows with Open/Snooze buttons, and without them where the browser rejects buttons (Firefox)', async () => {
    const port = browserNotificationPort();
    await port.show('a', { title: 't', message: 'm', buttons: true });
    expect(fakeBrowser.notifications.getAllCreateOptions().a).toMatchObject({
      title: 't',
      buttons: [{ title: 'Open' }, { title: 'Snooze 1 day' }],
    });
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    create.mockRejectedValueOnce(new Error('Property "buttons" is unsupported by Firefox'));
    await port.show('b', { title: 't2', message: 'm2', buttons: true });
    expect(fakeBrowser.notifications.getAllCreateOptions().b).not.toHaveProperty('buttons');
    expect(await port.shownIds()).toEqual(['a', 'b']);
  });

  it('keeps one delivery alarm and clears it when nothing waits', async () => {
    const port = browserNotificationPort();
    await port.scheduleAt(Date.UTC(2030, 0, 1));
    expect((await fakeBrowser.alarms.get(DELIVERY_ALARM))?.scheduledTime).toBe(Date.UTC(2030, 0, 1));
    await port.scheduleAt(null);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });
});
