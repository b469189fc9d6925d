import { describe, expect, it } from 'vitest';
import { parseEnvelope } from './message-validators.ts';
import { ALLOWED_SENDERS } from './messaging.ts';

const ok = (type: string, payload: unknown) => 'envelope' in parseEnvelope({ type, payload });

describe('sharing and community messages', () => {
  it('accept what the settings page and the popup send', () => {
    expect(ok('sharing:set', { sharing: true })).toBe(true);
    expect(ok('sharing:api-base', { apiBase: 'http://127.0.0.1:8787' })).toBe(true);
    expect(ok('sharing:api-base', { apiBase: 'https://api.example.app/' })).toBe(true);
    expect(ok('sharing:api-base', { apiBase: null })).toBe(true);
    expect(ok('community:product', { productId: '1005006180026951' })).toBe(true);
    expect(ok('community:deals', {})).toBe(true);
  });

  it.each([
    ['a javascript: URL', { apiBase: 'javascript:alert(1)' }],
    ['a file: URL', { apiBase: 'file:///etc/passwd' }],
    ['credentials in the URL', { apiBase: 'https://user:pw@api.example.app' }],
    ['a query string', { apiBase: 'https://api.example.app/?token=1' }],
    ['not a URL', { apiBase: 'api.example.app' }],
    ['a very long URL', { apiBase: `https://${'a'.repeat(300)}.app` }],
  ])('refuse an API address with %s', (_, payload) => {
    expect(ok('sharing:api-base', payload)).toBe(false);
  });

  it('refuse a non-boolean consent and a product id that is not digits', () => {
    expect(ok('sharing:set', { sharing: 'yes' })).toBe(false);
    expect(ok('community:product', { productId: '../1' })).toBe(false);
  });

  it('are for the extension pages only, never content scripts', () => {
    for (const [type, from] of Object.entries(ALLOWED_SENDERS)) {
      if (type.startsWith('sharing:') || type.startsWith('community:')) expect(from).toEqual(['ui']);
    }
  });
});
