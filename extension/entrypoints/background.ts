import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { Agent, RecordedEvent } from '../agents/agent.ts';
import { appendAudit, auditEntry } from '../agents/audit.ts';
import { cachingAgent } from '../agents/caching.ts';
import { catalogAgent } from '../agents/catalog.ts';
import { listenForNotificationEvents, notificationAgent } from '../agents/notification.ts';
import { predictionAgent } from '../agents/prediction.ts';
import { priceSummaryAgent } from '../agents/price-summary.ts';
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
    agents.push(
      cachingAgent(db, { onRecorded: fanOut, rememberTab: rememberTabProduct }),
      catalogAgent(db, { tabProduct }),
      notifications,
      priceSummaryAgent(db),
      predictionAgent(db, {
        // Chrome's service worker cannot import() the model runtime: an offscreen document runs it there.
        predict: import.meta.env.FIREFOX
          ? async (series) => (await import('../price-model.ts')).predictPrice(series)
          : predictOffscreen,
      }),
    );
    listenForNotificationEvents(notifications);

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
