import type { ExtractResult } from '../../shared/extract/types.ts';
import type { MessageType, RecordOutcome, Request, Response, SenderKind } from '../messaging.ts';

/** What a handler knows about who asked (already checked by the router). */
export interface SenderInfo {
  kind: SenderKind;
  tabId: number | null;
  url: string | null;
}

export type Handler<K extends MessageType> = (
  payload: Request<K>,
  sender: SenderInfo,
) => Promise<Response<K>>;
export type HandlerMap = { [K in MessageType]: Handler<K> };

/** Emitted after a page read was written, for agents that react to new prices (notifications, sync). */
export interface RecordedEvent {
  result: ExtractResult;
  outcome: RecordOutcome;
  sender: SenderInfo;
}

/**
 * One background feature. The background is a list of these (extension/entrypoints/background.ts): an agent
 * answers some messages and/or listens to recorded prices. A test checks every message has exactly one handler.
 */
export interface Agent {
  name: string;
  handlers?: Partial<HandlerMap>;
  onRecorded?: (event: RecordedEvent) => Promise<void> | void;
}

/** The part of `runtime.MessageSender` the router looks at (both browsers fill these). */
export interface RuntimeSender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}
