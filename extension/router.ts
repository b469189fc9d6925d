import type { Agent, Handler, HandlerMap, RuntimeSender, SenderInfo } from './agents/agent.ts';
import { isAliExpressUrl } from './hosts.ts';
import { parseEnvelope } from './message-validators.ts';
import { ALLOWED_SENDERS, type MessageType, type Reply } from './messaging.ts';

export interface RouterOptions {
  extensionId: string;
  /** `browser.runtime.getURL('/')`: extension pages live under it. */
  extensionOrigin: string;
  onRejected?: (why: string, sender: RuntimeSender) => void;
}

/** Content scripts only on AliExpress tabs; UI only from our own pages; nothing from anyone else. */
export function classifySender(sender: RuntimeSender, options: RouterOptions): SenderInfo | string {
  if (sender.id !== options.extensionId) return `foreign extension ${sender.id ?? '?'}`;
  const url = sender.url ?? null;
  if (url?.startsWith(options.extensionOrigin)) {
    return { kind: 'ui', tabId: sender.tab?.id ?? null, url };
  }
  const tab = sender.tab;
  if (
    tab?.id !== undefined &&
    isAliExpressUrl(url ?? tab.url) &&
    (tab.url === undefined || isAliExpressUrl(tab.url))
  ) {
    return { kind: 'content', tabId: tab.id, url: tab.url ?? url };
  }
  return `sender not allowed: ${url ?? 'no url'}`;
}

export function collectHandlers(agents: readonly Agent[]): HandlerMap {
  const map: Partial<Record<MessageType, Handler<MessageType>>> = {};
  for (const agent of agents) {
    for (const [type, handler] of Object.entries(agent.handlers ?? {})) {
      if (map[type as MessageType]) throw new Error(`${type} has two handlers (second: ${agent.name})`);
      map[type as MessageType] = handler as Handler<MessageType>;
    }
  }
  for (const type of Object.keys(ALLOWED_SENDERS) as MessageType[]) {
    if (!map[type]) throw new Error(`no agent handles ${type}`);
  }
  return map as HandlerMap;
}

/** The single entry point for every runtime message: sender check, payload check, then one handler. */
export function createRouter(agents: readonly Agent[], options: RouterOptions) {
  const handlers = collectHandlers(agents);
  return async function route(message: unknown, sender: RuntimeSender): Promise<Reply<MessageType>> {
    const who = classifySender(sender, options);
    if (typeof who === 'string') {
      options.onRejected?.(who, sender);
      return { ok: false, error: who };
    }
    const parsed = parseEnvelope(message);
    if ('error' in parsed) {
      options.onRejected?.(parsed.error, sender);
      return { ok: false, error: parsed.error };
    }
    const { type, payload } = parsed.envelope;
    if (!(ALLOWED_SENDERS[type] as readonly string[]).includes(who.kind)) {
      const why = `${type} not allowed from ${who.kind}`;
      options.onRejected?.(why, sender);
      return { ok: false, error: why };
    }
    try {
      const data = await (handlers[type] as Handler<MessageType>)(payload as never, who);
      return { ok: true, data };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
