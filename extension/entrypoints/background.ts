import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { Agent, RecordedEvent } from '../agents/agent.ts';
import { appendAudit, auditEntry } from '../agents/audit.ts';
import { cachingAgent } from '../agents/caching.ts';
import { catalogAgent } from '../agents/catalog.ts';
import { communityAgent } from '../agents/community.ts';
import { dashboardAgent } from '../agents/dashboard.ts';
import { listenForNotificationEvents, notificationAgent } from '../agents/notification.ts';
import { ordersAgent, PROTECTION_ALARM } from '../agents/orders.ts';
import { hookWatchChanges, PAIR_ALARM, pairingAgent } from '../agents/pairing.ts';
import { predictionAgent, productPrediction } from '../agents/prediction.ts';
import { priceSummaryAgent } from '../agents/price-summary.ts';
import { syncAgent, UPLOAD_ALARM } from '../agents/sync.ts';
import { widgetAgent } from '../agents/widget.ts';
import { openDb } from '../db.ts';
import { predictOffscreen } from '../offscreen-model.ts';
import { createRouter } from '../router.ts';
import { rememberTabProduct, tabProduct } from '../tab-products.ts';

export default defineBackground({
  type: 'module',
  main() {
    const db = openDb();
    const agents: Agent[] = [];
    const fanOut = async (event: RecordedEvent) => {
      for (const agent of agents) await agent.onRecorded?.(event);
    };
    // The background is this list. Later agents (notification, sync) add themselves here.
    const notifications = notificationAgent(db);
    // Chrome's service worker cannot import() the model runtime: an offscreen document runs it there.
    const predict: Parameters<typeof productPrediction>[2] = import.meta.env.FIREFOX
      ? async (series) => (await import('../price-model.ts')).predictPrice(series)
      : predictOffscreen;
    agents.push(
      cachingAgent(db, { onRecorded: fanOut, rememberTab: rememberTabProduct }),
      catalogAgent(db, { tabProduct }),
      notifications,
      priceSummaryAgent(db),
      predictionAgent(db, { predict }),
    );
    listenForNotificationEvents(notifications);
    // Orders and deliveries: order-page reads; order notifications go through the notification agent's outbox.
    const orders = ordersAgent(db, {
      notify: (notices) => notifications.notifyOrders(notices),
      scheduleCheck: async (when) => {
        if (when === null) await browser.alarms.clear(PROTECTION_ALARM);
        else await browser.alarms.create(PROTECTION_ALARM, { when });
      },
    });
    agents.push(orders);
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === PROTECTION_ALARM) void orders.checkProtection();
    });
    void orders.checkProtection();
    agents.push(dashboardAgent(db));
    agents.push(
      widgetAgent(db, {
        tabProduct,
        predict: (productId) => productPrediction(db, productId, predict, Date.now()),
        saveWatch: (input) =>
          notifications.handlers!['watch:save']!(input, { kind: 'ui', tabId: null, url: null }),
        inject: async (tabId) => {
          await browser.scripting.executeScript({ target: { tabId }, files: ['/price-widget.js'] });
        },
      }),
    );

    // Community sharing: nothing leaves the device before the shopper says yes on the consent page.
    const sync = syncAgent(db);
    agents.push(sync, communityAgent(db));
    // Pairing syncs by itself: every watch change made through the handlers (debounced), startup and its alarm.
    let pairingChanged = () => {};
    const pairing = pairingAgent(
      db,
      hookWatchChanges(notifications.handlers!, () => pairingChanged()),
    );
    pairingChanged = pairing.watchesChanged;
    agents.push(pairing);
    browser.alarms.onAlarm.addListener((alarm) => {
      // Only ever set at or after a backoff's end, so when it rings the wait is over (a startup still checks).
      if (alarm.name === UPLOAD_ALARM) void sync.flush({ force: true });
      if (alarm.name === PAIR_ALARM) void pairing.sync({ force: true });
    });
    browser.runtime.onInstalled.addListener(({ reason }) => {
      if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/consent.html') });
    });
    void sync.start();
    void pairing.start();

    const route = createRouter(agents, {
      extensionId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      onRejected: (why, sender) => {
        void appendAudit(
          db,
          auditEntry({
            at: Date.now(),
            kind: 'rejected',
            detail: why,
            url: sender.url ?? sender.tab?.url ?? null,
          }),
        );
      },
    });

    // sendResponse + `return true` rather than a returned promise: Chrome ignores promises from onMessage.
    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      void route(message, sender).then(sendResponse);
      return true;
    });
  },
});
