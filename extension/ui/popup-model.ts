import { type ReadonlySignal, signal } from '@preact/signals';
import type {
  MessageType,
  ProductQuery,
  ProductSummary,
  ProductView,
  Request,
  Response,
} from '../messaging.ts';

export type Ask = <K extends MessageType>(type: K, payload: Request<K>) => Promise<Response<K>>;

export interface PopupModel {
  view: ReadonlySignal<ProductView | null>;
  recent: ReadonlySignal<ProductSummary[]>;
  state: ReadonlySignal<'loading' | 'product' | 'recent' | 'error'>;
  error: ReadonlySignal<string | null>;
  /** `view`: the answer to `product:view` for this query when the caller already asked (the popup's entry does). */
  load: (query: ProductQuery, view?: Promise<ProductView | null>) => Promise<void>;
}

/** The popup's state: the product of the tab it was opened on, else the recently seen products. */
export function createPopupModel(ask: Ask): PopupModel {
  const view = signal<ProductView | null>(null);
  const recent = signal<ProductSummary[]>([]);
  const state = signal<'loading' | 'product' | 'recent' | 'error'>('loading');
  const error = signal<string | null>(null);
  return {
    view,
    recent,
    state,
    error,
    async load(query, pending) {
      state.value = 'loading';
      try {
        const asked = pending ?? (query.tabId !== null || query.url ? ask('product:view', query) : null);
        const found = await asked;
        if (found) {
          view.value = found;
          state.value = 'product';
          return;
        }
        recent.value = await ask('products:recent', { limit: 20 });
        state.value = 'recent';
      } catch (e) {
        error.value = e instanceof Error ? e.message : String(e);
        state.value = 'error';
      }
    },
  };
}
