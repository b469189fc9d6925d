import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../testing/shared-dir.ts';
import { blockedReason, fingerprint, isClientRendered, notFoundReason } from './detect.ts';
import { extract } from './index.ts';

const dir = join(sharedDir(), 'fixtures', 'aliexpress');
const files = readdirSync(dir).filter((f) => /\.(html|json|txt)$/.test(f) && f !== 'expected.json');

describe('blocked', () => {
  it('recognises the punish captcha page and only it among the fixtures', () => {
    for (const f of files) {
      const reason = blockedReason(readFileSync(join(dir, f), 'utf8'), null, []);
      expect(reason !== null, f).toBe(f.includes('captcha'));
    }
  });
  it('recognises punish URLs and mtop validation answers', () => {
    expect(
      blockedReason('', 'https://www.aliexpress.com/_____tmd_____/punish?x5secdata=abc', []),
    ).not.toBeNull();
    const ret =
      '{"api":"mtop.aliexpress.pdp.pc.query","ret":["FAIL_SYS_USER_VALIDATE::哎哟喂,被挤爆啦"],"data":{"url":"https://x/punish"}}';
    expect(blockedReason('', null, [ret])).not.toBeNull();
    const r = extract({ payloads: [ret], url: 'https://www.aliexpress.com/item/1005006180026951.html' });
    expect(r.status).toBe('blocked');
    expect(r.productId).toBe('1005006180026951');
    expect(r.price).toBeNull();
  });
});

describe('not found', () => {
  it('recognises error URLs, 404 titles and mtop "item not found"', () => {
    expect(notFoundReason('', 'https://www.aliexpress.com/error/404.html', [])).not.toBeNull();
    expect(
      notFoundReason('<html><head><title>404 Page Not Found - Aliexpress.com</title>', null, []),
    ).not.toBeNull();
    expect(
      notFoundReason('', null, ['{"ret":["FAIL_BIZ_ITEM_NOT_FOUND::item not found"],"data":{}}']),
    ).not.toBeNull();
    const r = extract({
      html: '<html><head><title>Page Not Found - Aliexpress.com</title></head><body>Sorry</body></html>',
      url: 'https://www.aliexpress.com/item/1005006180026951.html',
    });
    expect(r.status).toBe('not-found');
    expect(r.price).toBeNull();
  });
  it('does not take the i18n strings every page carries for a missing item', () => {
    for (const f of files) {
      expect(notFoundReason(readFileSync(join(dir, f), 'utf8'), null, []), f).toBeNull();
    }
  });
});

describe('fingerprint', () => {
  it('is short and tells the CSR page from a runParams page', () => {
    const csr = readFileSync(join(dir, '2024-csr-newDetail-es-raw-server-html-GaN-charger.html'), 'utf8');
    const old = readFileSync(join(dir, '2022-runParams-v2-us-USD-raw-server-html-ski-goggles.html'), 'utf8');
    expect(isClientRendered(csr)).toBe(true);
    expect(isClientRendered(old)).toBe(false);
    expect(fingerprint(csr, []).length).toBeLessThanOrEqual(120);
    expect(fingerprint(csr, [])).not.toBe(fingerprint(old, []));
  });
  it('an unknown page is unrecognized with a reason and a fingerprint, never a price', () => {
    const r = extract({
      html: '<html><head><script>window.__NEW_PAGE__ = {"price": "US $9.99"}</script></head><body>US $9.99</body></html>',
      url: 'https://www.aliexpress.com/item/1005006180026951.html',
    });
    expect(r.status).toBe('unrecognized');
    expect(r.reason).toBeTruthy();
    expect(r.fingerprint).toMatch(/g1#[0-9a-f]{8}/);
    expect(r.price).toBeNull();
  });
});
