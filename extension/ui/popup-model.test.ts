import { describe, expect, it } from 'vitest';
import type { ProductView } from '../messaging.ts';
import { type Ask, createPopupModel } from './popup-model.ts';

const view = { product: { id: '1' }, history: [], skus: [] } as unknown as ProductView;

function fakeAsk(answers: { view?: ProductView | null; fail?: string }): { ask: Ask; asked: string[] } {
  const asked: string[] = [];
  const ask = (async (type: string) => {
    asked.push(type);
    if (answers.fail) throw new Error(answers.fail);
    return type === 'product:view' ? (answers.view ?? null) : [{ id: '2' }];
  }) as Ask;
  return { ask, asked };
}

describe('popup model', () => {
  it('shows the product of the tab when the companion knows it', async () => {
    const { ask, asked } = fakeAsk({ view });
    const model = createPopupModel(ask);
    expect(model.state.value).toBe('loading');
    await model.load({ tabId: 3, url: 'https://www.aliexpress.com/item/1.html' });
    expect(model.state.value).toBe('product');
    expect(model.view.value).toBe(view);
    expect(asked).toEqual(['product:view']);
  });

  it('falls back to the recently seen products elsewhere', async () => {
    const { ask, asked } = fakeAsk({ view: null });
    const model = createPopupModel(ask);
    await model.load({ tabId: 3, url: 'https://example.org/' });
    expect(model.state.value).toBe('recent');
    expect(model.recent.value).toEqual([{ id: '2' }]);
    expect(asked).toEqual(['product:view', 'products:recent']);
  });

  it('uses the answer its caller already asked for instead of asking again', async () => {
    const { ask, asked } = fakeAsk({ view: null });
    const model = createPopupModel(ask);
    await model.load({ tabId: 3, url: 'https://www.aliexpress.com/item/1.html' }, Promise.resolve(view));
    expect(model.state.value).toBe('product');
    expect(model.view.value).toBe(view);
    expect(asked).toEqual([]);
  });

  it('says what went wrong when an early question failed', async () => {
    const model = createPopupModel(fakeAsk({ view }).ask);
    await model.load({ tabId: 3, url: null }, Promise.reject(new Error('no reply to product:view')));
    expect(model.state.value).toBe('error');
    expect(model.error.value).toBe('no reply to product:view');
  });

  it('says what went wrong when the background refuses', async () => {
    const model = createPopupModel(fakeAsk({ fail: 'sender not allowed' }).ask);
    await model.load({ tabId: null, url: 'https://www.aliexpress.com/item/1.html' });
    expect(model.state.value).toBe('error');
    expect(model.error.value).toBe('sender not allowed');
  });
});
