import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../shared/testing/shared-dir.ts';
import { extractFile, parseArgs, printable } from './extract.ts';

const fixture = (name: string) => join(sharedDir(), 'fixtures', 'aliexpress', name);

describe('npm run extract', () => {
  it('parses its arguments', () => {
    expect(parseArgs(['page.html', '--url', 'https://x/item/1.html'])).toEqual({
      file: 'page.html',
      url: 'https://x/item/1.html',
      payloadFiles: [],
    });
    expect(parseArgs(['a.html', '--payload', 'b.json', '--payload', 'c.json'])?.payloadFiles).toEqual([
      'b.json',
      'c.json',
    ]);
    expect(parseArgs([])).toBeNull();
    expect(parseArgs(['a', 'b'])).toBeNull();
    expect(parseArgs(['a', '--url'])).toBeNull();
    expect(parseArgs(['a', '--verbose'])).toBeNull();
  });

  it('prints money in major units', () => {
    const result = extractFile({
      file: fixture('2024-runParams-is23-components-script-es-MXN-baofeng-radio.js.txt'),
      payloadFiles: [],
    });
    const out = printable(result) as {
      price: unknown;
      shipping: { amount: number };
      skus: { price: number }[];
    };
    expect(out.price).toEqual({ min: 155.59, max: 399.15 });
    expect(out.shipping.amount).toBe(51.98);
    expect(out.skus.every((s) => s.price > 0 && s.price < 2000)).toBe(true);
  });

  it('combines server HTML with a captured pdp response', () => {
    const result = extractFile({
      file: fixture('2024-csr-newDetail-es-raw-server-html-GaN-charger.html'),
      url: 'https://id.aliexpress.com/item/1005012410104961.html',
      payloadFiles: [fixture('2025-mtop-pdp-pc-query-excerpt-id-IDR-hair-straightener.json')],
    });
    expect(result.status).toBe('ok');
    expect(result.url).toBe('https://id.aliexpress.com/item/1005012410104961.html');
  });

  it('runs as a command: JSON on stdout, exit 0 even for a blocked page, 2 for bad usage', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/extract.ts', ...args], {
        encoding: 'utf8',
        timeout: 60_000,
      });
    const ok = cli(fixture('2023-mtop-itemdetail-queryexpression-freight.json'));
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      status: 'ok',
      kind: 'freight',
      shipping: { free: true, amount: 0, days: 16 },
    });
    const blocked = cli(fixture('2025-antibot-punish-captcha-page-search.html'));
    expect(blocked.status).toBe(0);
    expect(JSON.parse(blocked.stdout).status).toBe('blocked');
    expect(cli().status).toBe(2);
    expect(cli('/nonexistent/file.html').status).toBe(2);
  });
});
