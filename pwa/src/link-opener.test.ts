import { describe, expect, it, vi } from 'vitest';
import { parseAliExpressLink } from '../../shared/urls.ts';
import { openParsed } from './link-opener.ts';

describe('openParsed', () => {
  it('opens item links without the network', async () => {
    const resolve = vi.fn();
    const out = await openParsed(
      parseAliExpressLink('https://www.aliexpress.us/item/3256803382674519.html'),
      resolve,
      () => false,
    );
    expect(out).toEqual({ ok: true, productId: '1005003568989271' });
    expect(resolve).not.toHaveBeenCalled();
  });

  it('resolves short links through the worker when online', async () => {
    const resolve = vi.fn(async () => '1005005424987520');
    const out = await openParsed(parseAliExpressLink('https://a.aliexpress.com/_mK1'), resolve, () => true);
    expect(out).toEqual({ ok: true, productId: '1005005424987520' });
    expect(resolve).toHaveBeenCalledWith('https://a.aliexpress.com/_mK1');
  });

  it('explains what went wrong', async () => {
    const failing = async () => {
      throw new Error('502');
    };
    expect(
      await openParsed(parseAliExpressLink('https://a.aliexpress.com/_mK1'), failing, () => false),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/connection/),
    });
    expect(
      await openParsed(parseAliExpressLink('https://a.aliexpress.com/_mK1'), failing, () => true),
    ).toMatchObject({
      ok: false,
    });
    expect(await openParsed(parseAliExpressLink('https://example.com/'), failing)).toEqual({
      ok: false,
      message: 'That link is not an AliExpress link.',
    });
  });
});
