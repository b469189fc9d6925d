import { describe, expect, it } from 'vitest';
import { parseRoute } from './routes.ts';

describe('parseRoute', () => {
  it('knows the app routes', () => {
    expect(parseRoute('/', '')).toEqual({ name: 'home' });
    expect(parseRoute('/p/1005006180026951', '')).toEqual({ name: 'product', productId: '1005006180026951' });
    const share = parseRoute('/share', '?text=hi&url=https%3A%2F%2Fa.aliexpress.com%2F_x');
    expect(share.name).toBe('share');
    if (share.name === 'share') expect(share.params.get('url')).toBe('https://a.aliexpress.com/_x');
    expect(parseRoute('/p/abc', '')).toEqual({ name: 'not-found' });
    expect(parseRoute('/pair', '?code=ABCD')).toEqual({ name: 'pair', code: 'ABCD' });
  });
});
