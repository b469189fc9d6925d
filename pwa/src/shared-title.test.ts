import { describe, expect, it } from 'vitest';
import { sharedTitle } from './shared-title.ts';

describe('sharedTitle', () => {
  it('takes the words around the link', () => {
    expect(sharedTitle({ text: 'Smart LED Desk Lamp https://a.aliexpress.com/_mKq1' })).toBe(
      'Smart LED Desk Lamp',
    );
    expect(
      sharedTitle({
        title: 'https://x.example',
        text: 'Look what I found on AliExpress! Phone case https://a.aliexpress.com/_x',
      }),
    ).toBe('Phone case');
    expect(sharedTitle({ title: 'USB-C cable 2m' })).toBe('USB-C cable 2m');
  });

  it('gives nothing for a bare link or the app name, and shortens long names', () => {
    expect(sharedTitle({ text: 'https://a.aliexpress.com/_x' })).toBeNull();
    expect(sharedTitle({ title: 'AliExpress', text: null })).toBeNull();
    expect(sharedTitle({ title: 'x'.repeat(200) })?.length).toBe(120);
  });
});
