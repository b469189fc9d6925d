import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawIcon, ICONS } from './make-icons.ts';
import { manifest } from './manifest.ts';

describe('web app manifest', () => {
  it('has what install prompts and share sheets need', () => {
    expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', scope: '/' });
    const sizes = manifest.icons?.map((i) => `${i.sizes} ${i.purpose}`);
    expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    expect(manifest.share_target).toMatchObject({ action: '/share', method: 'GET' });
  });

  it('ships the icons make-icons.ts draws, at their declared sizes', () => {
    for (const icon of ICONS) {
      const png = readFileSync(resolve(import.meta.dirname, 'public/icons', icon.file));
      expect(png.readUInt32BE(16)).toBe(icon.size);
      expect(png.equals(drawIcon(icon.size, icon.purpose))).toBe(true);
    }
  });
});
