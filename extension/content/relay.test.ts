import { describe, expect, it } from 'vitest';
import { CHANNEL, capturedApi, parseRelayMessage } from './relay.ts';

const win = { location: { origin: 'https://id.aliexpress.com' } } as unknown as Window;
const event = (data: unknown, overrides: Partial<MessageEvent> = {}) =>
  ({ data, source: win, origin: 'https://id.aliexpress.com', ...overrides }) as MessageEvent;
const payload = {
  channel: CHANNEL,
  kind: 'payload',
  api: 'mtop.aliexpress.pdp.pc.query',
  text: '{}',
  exact: true,
};

describe('MAIN ↔ isolated relay', () => {
  it('accepts well-formed messages from this window and origin', () => {
    expect(parseRelayMessage(event(payload), win)).toEqual(payload);
    expect(parseRelayMessage(event({ channel: CHANNEL, kind: 'ready' }), win)).toEqual({
      channel: CHANNEL,
      kind: 'ready',
    });
    expect(
      parseRelayMessage(event({ channel: CHANNEL, kind: 'navigated', url: 'https://x/item/1.html' }), win),
    ).toMatchObject({
      kind: 'navigated',
    });
  });

  it('ignores other frames, other origins and malformed shapes', () => {
    expect(parseRelayMessage(event(payload, { source: {} as Window }), win)).toBeNull();
    expect(parseRelayMessage(event(payload, { origin: 'https://evil.example' }), win)).toBeNull();
    for (const bad of [
      null,
      'payload',
      { ...payload, channel: 'other' },
      { ...payload, api: 'mtop.evil.api' },
      { ...payload, text: 42 },
      { ...payload, exact: 'yes' },
      { ...payload, text: 'x'.repeat(8 * 1024 * 1024 + 1) },
      { channel: CHANNEL, kind: 'navigated' },
      { channel: CHANNEL, kind: 'drop-tables' },
    ]) {
      expect(parseRelayMessage(event(bad), win)).toBeNull();
    }
  });

  it('recognises captured APIs by name in the URL', () => {
    expect(capturedApi('https://acs.aliexpress.com/h5/mtop.aliexpress.pdp.pc.query/1.0/?jsv=2.5.1')).toBe(
      'mtop.aliexpress.pdp.pc.query',
    );
    expect(capturedApi('https://acs.aliexpress.com/h5/mtop.aliexpress.other/1.0/')).toBeNull();
  });
});
