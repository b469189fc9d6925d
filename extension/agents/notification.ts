import { browser } from 'wxt/browser';
import {
  type AlertSettings,
  type AlertType,
  buildDigest,
  createWatchState,
  DEFAULT_ALERT_SETTINGS,
  type Decision,
  type DecisionWhy,
  type Engagement,
  emptyEngagement,
  evaluateRead,
  planDelivery,
  priorityOf,
  recordEngagement,
  type Watch,
  type WatchRead,
  type WatchState,
} from '../../shared/alerts.ts';
import type { ExtractFlag } from '../../shared/extract/types.ts';
import { DAY_MS, summarizeObservations } from '../../shared/history.ts';
import { digestWithNotices } from '../../shared/orders/notify.ts';
import type { OrderNotice } from '../../shared/orders/types.ts';
import { type CompanionDb, type ObservationRow, type OutboxRow, seriesKeyOf } from '../db.ts';
import type { WatchBackup, WatchInput, WatchView } from '../messaging.ts';
import { reasonVars } from '../ui/audit-text.ts';
import { t } from '../ui/i18n.ts';
import type { Agent, RecordedEvent } from './agent.ts';
import { appendAudit, auditEntry } from './audit.ts';
import { notificationText } from './notification-text.ts';

/**
 * The notification agent: new reads → shared/alerts rules → an outbox in IndexedDB → chrome.notifications.
 *
 * MV3 kills the service worker whenever it likes, so nothing lives only in memory:
 * - detection reads the stored observations newer than each watch's `lastObservedAt` and writes the new rule
 *   state, the outbox rows and the audit events in ONE transaction — a worker stopped before that commit simply
 *   re-detects at the next start, one stopped after it finds the rows waiting;
 * - outbox ids are deterministic and are the notification ids: before showing a row marked `delivering` the agent
 *   asks which notifications are already up, so a restart mid-delivery never shows the same alert twice;
 * - the delivery alarm is re-created from the outbox at every start.
 */

export const SETTINGS_KEY = 'notifications:settings';
export const ENGAGEMENT_KEY = 'notifications:engagement';
export const DELIVERY_ALARM = 'notifications:deliver';
export const SNOOZE_MS = DAY_MS;

export interface NotificationSettings extends AlertSettings {
  /** Detect and queue, but show nothing until resumed (nothing is lost meanwhile). */
  paused: boolean;
}

export function defaultNotificationSettings(): NotificationSettings {
  return {
    ...DEFAULT_ALERT_SETTINGS,
    paused: false,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  };
}

/** What the agent needs from the browser; tests pass a fake that can "crash" between steps. */
export interface NotificationPort {
  show(id: string, n: { title: string; message: string; buttons: boolean }): Promise<void>;
  shownIds(): Promise<string[]>;
  clear(id: string): Promise<void>;
  /** One alarm for the earliest pending delivery; null clears it. */
  scheduleAt(when: number | null): Promise<void>;
  openTab(url: string): Promise<void>;
  /** The extension page listing watches (a digest's click target). */
  watchlistUrl(): string;
}

export function browserNotificationPort(): NotificationPort {
  const icon = browser.runtime.getURL('/notification-icon.png');
  return {
    async show(id, n) {
      const base = { type: 'basic' as const, iconUrl: icon, title: n.title, message: n.message, priority: 1 };
      try {
        await browser.notifications.create(id, {
          ...base,
          ...(n.buttons
            ? { buttons: [{ title: t('notification.open') }, { title: t('notification.snooze') }] }
            : {}),
        });
      } catch {
        // Firefox has no notification buttons and rejects the option.
        await browser.notifications.create(id, base);
      }
    },
    async shownIds() {
      return Object.keys(await browser.notifications.getAll());
    },
    async clear(id) {
      await browser.notifications.clear(id);
    },
    async scheduleAt(when) {
      if (when == null) await browser.alarms.clear(DELIVERY_ALARM);
      else await browser.alarms.create(DELIVERY_ALARM, { when });
    },
    async openTab(url) {
      await browser.tabs.create({ url });
    },
    watchlistUrl: () => browser.runtime.getURL('/watchlist.html'),
  };
}

export async function loadSettings(db: CompanionDb): Promise<NotificationSettings> {
  const row = await db.settings.get(SETTINGS_KEY);
  return { ...defaultNotificationSettings(), ...((row?.value as Partial<NotificationSettings>) ?? {}) };
}

async function loadEngagement(db: CompanionDb): Promise<Engagement> {
  const row = await db.settings.get(ENGAGEMENT_KEY);
  return { ...emptyEngagement(), ...((row?.value as Partial<Engagement>) ?? {}) };
}

function auditDecision(
  db: CompanionDb,
  now: number,
  d: Pick<Decision, 'kind' | 'type' | 'reason' | 'alertId'> & { why?: DecisionWhy; until?: number },
  watch: { productId: string; url: string | null; currency: string },
) {
  const what = d.type ? `${d.kind} ${d.type}` : d.kind;
  // Coded reasons are worded in the shopper's language; the agent's own (paused, unusable read) stay English.
  const why = d.why ? reasonVars(d.why, watch.currency, d.until) : {};
  return appendAudit(
    db,
    auditEntry({
      at: now,
      kind: 'alert',
      productId: watch.productId,
      url: watch.url,
      detail: `${what}: ${d.reason}${d.alertId ? ` [${d.alertId}]` : ''}`,
      message: d.type
        ? { key: 'decisionTyped', vars: { decision: d.kind, what: d.type, reason: d.reason, ...why } }
        : { key: 'decision', vars: { decision: d.kind, reason: d.reason, ...why } },
    }),
  );
}

const stripRow = ({ id: _id, series: _series, ...o }: ObservationRow) => o;

interface PageRead {
  read: WatchRead;
  /** A variant the page priced but did not select: the caching agent never stores it. */
  unselected: boolean;
}

export interface NotificationAgentOptions {
  port?: NotificationPort;
  now?: () => number;
}

export interface NotificationAgent extends Agent {
  /** Catch up on reads stored while no worker ran, deliver what is due, re-create the alarm. */
  start(): Promise<void>;
  detect(productId: string | null): Promise<number>;
  deliverDue(): Promise<number>;
  onAlarm(name: string): Promise<void>;
  onClicked(notificationId: string): Promise<void>;
  onButtonClicked(notificationId: string, buttonIndex: number): Promise<void>;
  onClosed(notificationId: string, byUser: boolean): Promise<void>;
  /** Order notifications (shared/orders/notify.ts): queued once per id, then like alerts. */
  notifyOrders(notices: readonly OrderNotice[]): Promise<number>;
}

export function notificationAgent(
  db: CompanionDb,
  options: NotificationAgentOptions = {},
): NotificationAgent {
  const port = options.port ?? browserNotificationPort();
  const clock = options.now ?? Date.now;

  // One step at a time inside this worker: detection and delivery must not interleave.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };

  /**
   * `pageReads`: what the page read just showed for each watch, used when the caching agent stored nothing for
   * the watch's series: a variant the page priced but did not select (only the selected one is stored), or a
   * reload at an unchanged price (deduped within the hour) that is the second read a held jump waits for or that
   * shows the item back in stock.
   */
  async function detect(productId: string | null, pageReads = new Map<string, PageRead>()): Promise<number> {
    const now = clock();
    const settings = await loadSettings(db);
    const engagement = await loadEngagement(db);
    let queued = 0;
    await db.transaction(
      'rw',
      [db.watchlist, db.watchStates, db.observations, db.outbox, db.auditEvents],
      async () => {
        const watches = productId
          ? await db.watchlist.where('productId').equals(productId).toArray()
          : await db.watchlist.toArray();
        for (const w of watches) {
          let state: WatchState =
            (await db.watchStates.get(w.id)) ?? initialState(w, null, settings, w.createdAt);
          const since = state.lastObservedAt ?? w.createdAt;
          const fresh: WatchRead[] = (
            await db.observations
              .where('[series+observedAt]')
              .between([w.series, since], [w.series, Number.POSITIVE_INFINITY], false, true)
              .toArray()
          ).map((o) => ({ ...stripRow(o), status: 'ok' }));
          const page = pageReads.get(w.id);
          const stockChanged =
            page != null &&
            state.lastInStock != null &&
            state.lastInStock === page.read.flags.includes('out-of-stock');
          if (
            page &&
            !fresh.length &&
            page.read.observedAt > since &&
            (page.unselected || state.pending || stockChanged)
          ) {
            fresh.push(page.read);
          }
          if (!fresh.length) continue;
          const history = (
            await db.observations
              .where('[series+observedAt]')
              .between([w.series, now - 91 * DAY_MS], [w.series, Number.POSITIVE_INFINITY])
              .toArray()
          ).map(stripRow);
          for (const o of fresh) {
            const out = evaluateRead({ watch: w, state, read: o, history, settings });
            state = out.state;
            for (const d of out.decisions) await auditDecision(db, now, d, w);
            for (const alert of out.alerts) {
              if (await db.outbox.get(alert.id)) continue;
              const priority = priorityOf(alert, engagement, now);
              const plan = planDelivery(priority, settings, now);
              await db.outbox.add({
                id: alert.id,
                kind: 'alert',
                status: 'pending',
                mode: plan.mode,
                deliverAt: plan.mode === 'now' ? now : plan.at,
                alert,
                digest: null,
                score: priority.score,
                level: priority.level,
                createdAt: now,
                deliveredAt: null,
                digestId: null,
                attempts: 0,
              });
              queued++;
              if (plan.mode !== 'now' || settings.paused) {
                const reason =
                  plan.mode === 'now'
                    ? 'notifications paused: kept until resumed'
                    : `${plan.reason}, at ${new Date(plan.at).toISOString()}`;
                const kind = plan.mode === 'digest' ? 'digest' : 'deferred';
                const coded =
                  plan.mode === 'now'
                    ? { why: { code: 'paused' as const, vars: {} } }
                    : { why: plan.why, until: plan.at };
                await auditDecision(
                  db,
                  now,
                  { kind, type: alert.type, reason, alertId: alert.id, ...coded },
                  w,
                );
              }
            }
          }
          await db.watchStates.put(state);
        }
      },
    );
    return queued;
  }

  /** Due digest members become one digest row (deterministic id, members marked merged) in one transaction. */
  async function mergeDigests(now: number): Promise<void> {
    await db.transaction('rw', [db.outbox, db.auditEvents], async () => {
      const members = (await pendingUpTo(now)).filter(
        (r) => r.mode === 'digest' && (r.kind === 'alert' || r.kind === 'notice'),
      );
      if (!members.length) return;
      const digest = digestWithNotices(
        buildDigest(members.flatMap((r) => (r.alert ? [r.alert] : []))),
        members.flatMap((r) => (r.notice ? [r.notice] : [])),
      );
      if (!digest) return;
      if (members.length === 1) {
        await db.outbox.update(members[0]!.id, { mode: 'now' });
        return;
      }
      await db.outbox.put({
        id: digest.id,
        kind: 'digest',
        status: 'pending',
        mode: 'now',
        deliverAt: now,
        alert: null,
        digest,
        score: Math.max(...members.map((r) => r.score)),
        level: 'low',
        createdAt: now,
        deliveredAt: null,
        digestId: null,
        attempts: 0,
      });
      for (const m of members) await db.outbox.update(m.id, { status: 'merged', digestId: digest.id });
      await appendAudit(
        db,
        auditEntry({
          at: now,
          kind: 'alert',
          detail: `digest: ${members.length} alerts merged [${digest.id}]`,
          message: { key: 'digest', vars: { count: members.length } },
        }),
      );
    });
  }

  async function pendingUpTo(now: number): Promise<OutboxRow[]> {
    const [pending, delivering] = await Promise.all(
      (['pending', 'delivering'] as const).map((status) =>
        db.outbox
          .where('[status+deliverAt]')
          .between([status, Number.NEGATIVE_INFINITY], [status, now], true, true)
          .toArray(),
      ),
    );
    return [...delivering!, ...pending!].sort((a, b) => b.score - a.score || a.deliverAt - b.deliverAt);
  }

  async function deliverDue(): Promise<number> {
    const now = clock();
    const settings = await loadSettings(db);
    if (settings.paused) return 0;
    await mergeDigests(now);
    const due = (await pendingUpTo(now)).filter((r) => r.mode !== 'digest');
    if (!due.length) return 0;
    const shown = new Set(await port.shownIds());
    let delivered = 0;
    for (const row of due) {
      // Marked before showing: after a crash, `delivering` + already on screen means done, not "show again".
      await db.outbox.update(row.id, { status: 'delivering', attempts: row.attempts + 1 });
      const already = shown.has(row.id);
      if (!already) await port.show(row.id, { ...(await notificationText(db, row)), buttons: true });
      await db.transaction('rw', [db.outbox, db.auditEvents], async () => {
        await db.outbox.update(row.id, { status: 'delivered', deliveredAt: now });
        await appendAudit(
          db,
          auditEntry({
            at: now,
            kind: 'alert',
            productId: row.alert?.productId ?? null,
            url: row.alert?.url ?? null,
            detail: `delivered${row.alert ? ` ${row.alert.type}` : row.notice ? ` ${row.notice.kind}` : ' digest'}: ${already ? 'already on screen after a restart' : `${row.level} priority, ${row.mode}`} [${row.id}]`,
            message: {
              key: already ? 'deliveredAgain' : 'delivered',
              vars: {
                what: row.alert?.type ?? row.notice?.kind ?? 'digest',
                level: row.level,
                mode: row.mode,
              },
            },
          }),
        );
      });
      delivered++;
    }
    return delivered;
  }

  async function scheduleNext(): Promise<void> {
    // Paused: nothing to wake up for; resuming delivers and schedules again.
    if ((await loadSettings(db)).paused) return port.scheduleAt(null);
    const next = await db.outbox
      .where('[status+deliverAt]')
      .between(['pending', Number.NEGATIVE_INFINITY], ['pending', Number.POSITIVE_INFINITY])
      .first();
    await port.scheduleAt(next ? Math.max(next.deliverAt, clock() + 1000) : null);
  }

  async function recordAction(row: OutboxRow, action: 'click' | 'dismiss' | 'snooze'): Promise<void> {
    const now = clock();
    const members = row.digest ? await db.outbox.bulkGet(row.digest.alertIds) : [row];
    const alerts = members.flatMap((m) => (m?.alert ? [m.alert] : []));
    await db.transaction('rw', [db.settings, db.auditEvents, db.watchlist], async () => {
      if (action !== 'snooze') {
        let e = await loadEngagement(db);
        for (const type of new Set<AlertType>(alerts.map((a) => a.type)))
          e = recordEngagement(e, type, action);
        await db.settings.put({ key: ENGAGEMENT_KEY, value: e });
      } else {
        for (const watchId of new Set(alerts.map((a) => a.watchId))) {
          await db.watchlist.update(watchId, { snoozedUntil: now + SNOOZE_MS });
        }
      }
      await appendAudit(
        db,
        auditEntry({
          at: now,
          kind: 'alert',
          productId: row.alert?.productId ?? null,
          url: row.alert?.url ?? null,
          detail: `${action === 'click' ? 'clicked' : action === 'dismiss' ? 'dismissed' : 'snoozed 1 day'}: [${row.id}]`,
          message: {
            key: action === 'click' ? 'clicked' : action === 'dismiss' ? 'dismissed' : 'snoozed',
            vars: { id: row.id },
          },
        }),
      );
    });
  }

  async function open(row: OutboxRow): Promise<void> {
    await port.openTab(row.alert?.url ?? row.notice?.url ?? port.watchlistUrl());
    await recordAction(row, 'click');
    await port.clear(row.id);
  }

  async function afterChange(): Promise<void> {
    await deliverDue();
    await scheduleNext();
  }

  /** Order notices join the same outbox, so quiet hours, digests and crash-safe delivery apply to them too. */
  async function queueNotices(notices: readonly OrderNotice[]): Promise<number> {
    const now = clock();
    const settings = await loadSettings(db);
    let queued = 0;
    await db.transaction('rw', [db.outbox, db.auditEvents], async () => {
      for (const notice of notices) {
        if (await db.outbox.get(notice.id)) continue;
        const plan = planDelivery({ score: notice.score, level: notice.level }, settings, now);
        await db.outbox.add({
          id: notice.id,
          kind: 'notice',
          status: 'pending',
          mode: plan.mode,
          deliverAt: plan.mode === 'now' ? now : plan.at,
          alert: null,
          digest: null,
          notice,
          score: notice.score,
          level: notice.level,
          createdAt: now,
          deliveredAt: null,
          digestId: null,
          attempts: 0,
        });
        queued++;
        await appendAudit(
          db,
          auditEntry({
            at: now,
            kind: 'alert',
            url: notice.url,
            detail: `queued ${notice.kind}: ${plan.reason} [${notice.id}]`,
            message: {
              key: 'queued',
              vars: { what: notice.kind, reason: plan.reason, ...reasonVars(plan.why, null) },
            },
          }),
        );
      }
    });
    return queued;
  }

  const agent: NotificationAgent = {
    notifyOrders: (notices) =>
      serial(async () => {
        const queued = await queueNotices(notices);
        if (queued > 0) await afterChange();
        return queued;
      }),
    name: 'notification',
    start: () =>
      serial(async () => {
        await detect(null);
        await afterChange();
      }),
    detect: (productId) => serial(() => detect(productId)),
    deliverDue: () => serial(() => deliverDue()),
    onAlarm: (name) => (name === DELIVERY_ALARM ? serial(afterChange) : Promise.resolve()),
    onClicked: (id) =>
      serial(async () => {
        const row = await db.outbox.get(id);
        if (row) await open(row);
      }),
    onButtonClicked: (id, index) =>
      serial(async () => {
        const row = await db.outbox.get(id);
        if (!row) return;
        if (index === 0) await open(row);
        else {
          await recordAction(row, 'snooze');
          await port.clear(id);
        }
      }),
    onClosed: (id, byUser) =>
      serial(async () => {
        const row = await db.outbox.get(id);
        if (!row) return;
        // Closing proves it was shown, even if the worker died before writing `delivered`.
        if (row.status === 'delivering')
          await db.outbox.update(id, { status: 'delivered', deliveredAt: clock() });
        if (byUser) await recordAction(row, 'dismiss');
      }),
    onRecorded: (event: RecordedEvent) =>
      serial(async () => {
        try {
          await onRecorded(event);
        } catch (error) {
          // A notification failure must not fail the page read that was already stored.
          await appendAudit(
            db,
            auditEntry({
              at: clock(),
              kind: 'alert',
              productId: event.result.productId,
              detail: `error: ${String(error)}`,
            }),
          );
        }
      }),
    handlers: {
      'watch:save': (input) => serial(() => saveWatch(input)),
      'watch:list': ({ productId }) => listWatches(db, productId ?? null, clock()),
      'watch:delete': ({ id }) => serial(() => deleteWatch(id)),
      'watch:restore': (backup) => serial(() => restoreWatch(backup)),
      'notification-settings:get': () => loadSettings(db),
      'notification-settings:set': (settings) =>
        serial(async () => {
          await db.settings.put({ key: SETTINGS_KEY, value: settings });
          await replan(settings);
          await afterChange();
          return loadSettings(db);
        }),
    },
  };

  async function onRecorded(event: RecordedEvent): Promise<void> {
    const productId = event.result.productId;
    if (!productId) return;
    if (event.outcome.reason !== null) {
      // Nothing was stored, so no rule sees this read; say why for each watch on the product.
      const watches = await db.watchlist.where('productId').equals(productId).toArray();
      for (const w of watches) {
        await auditDecision(
          db,
          clock(),
          { kind: 'suppressed', type: null, reason: `page read was not usable: ${event.outcome.reason}` },
          w,
        );
      }
      return;
    }
    const pageReads = await readsFromPage(event, productId);
    if ((await detect(productId, pageReads)) > 0) await afterChange();
  }

  async function readsFromPage(event: RecordedEvent, productId: string): Promise<Map<string, PageRead>> {
    const { result } = event;
    const out = new Map<string, PageRead>();
    const watches = await db.watchlist.where('productId').equals(productId).toArray();
    const observedAt = clock();
    const shipping = result.shipping && !result.shipping.unreachable ? result.shipping.amount : null;
    for (const w of watches) {
      if (w.currency !== result.currency || w.region !== result.region) continue;
      const base = {
        productId,
        currency: w.currency,
        region: w.region,
        shipping,
        observedAt,
        status: result.status,
      };
      if (w.skuId == null) {
        if (!result.price) continue;
        const read = {
          ...base,
          skuId: null,
          price: result.price.min,
          originalPrice: result.originalPrice?.min ?? null,
          flags: [...result.flags],
        };
        out.set(w.id, { read, unselected: false });
        continue;
      }
      const sku = result.skus.find((s) => s.skuId === w.skuId);
      if (!sku || sku.price == null) continue;
      const flags: ExtractFlag[] = result.flags.filter((f) => f !== 'out-of-stock');
      if (!sku.available) flags.push('out-of-stock');
      const read = { ...base, skuId: sku.skuId, price: sku.price, originalPrice: sku.originalPrice, flags };
      out.set(w.id, { read, unselected: w.skuId !== result.selectedSkuId });
    }
    return out;
  }

  async function saveWatch(input: WatchInput): Promise<Watch> {
    const now = clock();
    const settings = await loadSettings(db);
    const previous = input.id ? await db.watchlist.get(input.id) : undefined;
    // A new watch follows the series the shopper is looking at: the currency and ship-to region of the latest read.
    const latest = previous
      ? undefined
      : await db.observations
          .where('[productId+observedAt]')
          .between([input.productId, Number.NEGATIVE_INFINITY], [input.productId, Number.POSITIVE_INFINITY])
          .last();
    const watch: Watch = {
      id: previous?.id ?? crypto.randomUUID(),
      productId: input.productId,
      skuId: input.skuId,
      currency: previous?.currency ?? latest?.currency ?? input.currency,
      region: previous ? previous.region : latest ? latest.region : input.region,
      title: input.title,
      url: input.url,
      conditions: input.conditions,
      landed: input.landed,
      createdAt: previous?.createdAt ?? now,
      snoozedUntil: previous?.snoozedUntil ?? null,
    };
    const series = seriesKeyOf(watch);
    await db.transaction('rw', [db.watchlist, db.watchStates, db.observations, db.auditEvents], async () => {
      const history = (
        await db.observations
          .where('[series+observedAt]')
          .between([series, now - 91 * DAY_MS], [series, Number.POSITIVE_INFINITY])
          .toArray()
      ).map(stripRow);
      // Conditions changed: start from today's price again, so an already-met condition is not news.
      await db.watchStates.put(initialState(watch, history, settings, now));
      await db.watchlist.put({ ...watch, series });
      await appendAudit(
        db,
        auditEntry({
          at: now,
          kind: 'alert',
          productId: watch.productId,
          url: watch.url,
          detail: `${previous ? 'watch edited' : 'watch created'}: ${watch.id}`,
          message: { key: previous ? 'watchEdited' : 'watchCreated', vars: { id: watch.id } },
        }),
      );
    });
    return watch;
  }

  async function deleteWatch(id: string): Promise<WatchBackup | null> {
    return db.transaction('rw', [db.watchlist, db.watchStates, db.outbox, db.auditEvents], async () => {
      const row = await db.watchlist.get(id);
      if (!row) return null;
      await appendAudit(
        db,
        auditEntry({
          at: clock(),
          kind: 'alert',
          productId: row.productId,
          url: row.url,
          detail: `watch deleted: ${id}`,
          message: { key: 'watchDeleted', vars: { id } },
        }),
      );
      const state = (await db.watchStates.get(id)) ?? null;
      await db.watchlist.delete(id);
      await db.watchStates.delete(id);
      // Alerts not yet shown for a deleted watch are dropped (an undo brings the watch back, not stale alerts).
      const pending = await db.outbox.where('status').anyOf('pending').toArray();
      for (const r of pending) if (r.alert?.watchId === id) await db.outbox.delete(r.id);
      const { series: _s, ...watch } = row;
      return { watch, state };
    });
  }

  async function restoreWatch(backup: WatchBackup): Promise<Watch> {
    const { watch, state } = backup;
    await db.transaction('rw', [db.watchlist, db.watchStates, db.auditEvents], async () => {
      await db.watchlist.put({ ...watch, series: seriesKeyOf(watch) });
      if (state) await db.watchStates.put(state);
      await appendAudit(
        db,
        auditEntry({
          at: clock(),
          kind: 'alert',
          productId: watch.productId,
          url: watch.url,
          detail: `watch restored: ${watch.id}`,
          message: { key: 'watchRestored', vars: { id: watch.id } },
        }),
      );
    });
    return watch;
  }

  /** New quiet hours or digest times move what is still waiting. */
  async function replan(settings: NotificationSettings): Promise<void> {
    const now = clock();
    await db.transaction('rw', [db.outbox], async () => {
      const waiting = await db.outbox.where('status').equals('pending').toArray();
      for (const r of waiting) {
        const plan = planDelivery({ score: r.score, level: r.level }, settings, now);
        await db.outbox.update(r.id, { mode: plan.mode, deliverAt: plan.mode === 'now' ? now : plan.at });
      }
    });
  }

  return agent;
}

/** A watch's rule state, baselined on the latest stored read so that only later reads count as crossings. */
function initialState(
  watch: Watch,
  history: ObservationRowLike[] | null,
  settings: AlertSettings,
  now: number,
): WatchState {
  const summary = history?.length ? summarizeObservations(history, { landed: watch.landed, now }) : null;
  const latest = history?.length ? history.reduce((a, b) => (b.observedAt > a.observedAt ? b : a)) : null;
  const state = createWatchState(
    watch,
    {
      price: summary?.current?.price ?? null,
      inStock: latest ? !latest.flags.includes('out-of-stock') : null,
      lowest: summary?.lowestEver ?? null,
      typical: summary?.typical ?? null,
    },
    settings,
  );
  return { ...state, lastObservedAt: Math.max(now, latest?.observedAt ?? 0) };
}

type ObservationRowLike = ReturnType<typeof stripRow>;

async function listWatches(db: CompanionDb, productId: string | null, now: number): Promise<WatchView[]> {
  const rows = productId
    ? await db.watchlist.where('productId').equals(productId).toArray()
    : await db.watchlist.toArray();
  rows.sort((a, b) => b.createdAt - a.createdAt);
  return Promise.all(
    rows.map(async ({ series, ...watch }) => {
      const last = await db.observations
        .where('[series+observedAt]')
        .between([series, Number.NEGATIVE_INFINITY], [series, Number.POSITIVE_INFINITY])
        .last();
      return {
        watch,
        lastPrice: last?.price ?? null,
        lastSeenAt: last?.observedAt ?? null,
        snoozed: watch.snoozedUntil != null && watch.snoozedUntil > now,
      };
    }),
  );
}

/** Registered synchronously at worker start so that clicks and alarms wake the worker and reach the agent. */
export function listenForNotificationEvents(agent: NotificationAgent): void {
  browser.alarms.onAlarm.addListener((alarm) => void agent.onAlarm(alarm.name));
  browser.notifications.onClicked.addListener((id) => void agent.onClicked(id));
  // Firefox has no notification buttons.
  browser.notifications.onButtonClicked?.addListener((id, index) => void agent.onButtonClicked(id, index));
  browser.notifications.onClosed.addListener((id, byUser) => void agent.onClosed(id, byUser));
  void agent.start();
}
