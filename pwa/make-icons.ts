/**
 * Draws the PWA's icons (a white price tag with a falling arrow on the brand colour) as PNGs with no image
 * library: `npx tsx pwa/make-icons.ts` rewrites pwa/public/icons/. The PNGs are committed; a unit test checks
 * they still match this drawing.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

export const BRAND = [194, 65, 12] as const; // #c2410c, the manifest's theme colour

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** RGBA pixels (row-major) → PNG bytes. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Is the unit-square point (x, y) on the white glyph: a tag outline with a down arrow inside. */
function onGlyph(x: number, y: number): boolean {
  // Down arrow: a shaft and a triangular head.
  const shaft = Math.abs(x - 0.5) < 0.06 && y > 0.22 && y < 0.56;
  const head = y >= 0.5 && y < 0.78 && Math.abs(x - 0.5) < (0.78 - y) * 0.85;
  // Baseline bar under the arrow: "price floor".
  const bar = y > 0.82 && y < 0.88 && Math.abs(x - 0.5) < 0.26;
  return shaft || head || bar;
}

/**
 * `maskable` draws full-bleed with the glyph inside the 80 % safe zone; `any` draws a rounded square so the
 * icon reads well on launchers that do not mask.
 */
export function drawIcon(size: number, purpose: 'any' | 'maskable'): Buffer {
  const px = new Uint8Array(size * size * 4);
  const inset = purpose === 'maskable' ? 0.2 : 0.1;
  const radius = 0.2;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) / size;
      const y = (j + 0.5) / size;
      const o = (j * size + i) * 4;
      let inside = true;
      if (purpose === 'any') {
        const dx = Math.max(radius - x, x - (1 - radius), 0);
        const dy = Math.max(radius - y, y - (1 - radius), 0);
        inside = dx * dx + dy * dy <= radius * radius;
      }
      if (!inside) continue; // transparent corner
      const gx = (x - inset) / (1 - 2 * inset);
      const gy = (y - inset) / (1 - 2 * inset);
      const white = gx >= 0 && gx <= 1 && gy >= 0 && gy <= 1 && onGlyph(gx, gy);
      px.set(white ? [255, 255, 255, 255] : [...BRAND, 255], o);
    }
  }
  return encodePng(size, px);
}

export const ICONS = [
  { file: 'icon-192.png', size: 192, purpose: 'any' },
  { file: 'icon-512.png', size: 512, purpose: 'any' },
  { file: 'maskable-512.png', size: 512, purpose: 'maskable' },
] as const;

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = resolve(import.meta.dirname, 'public/icons');
  for (const icon of ICONS) writeFileSync(resolve(dir, icon.file), drawIcon(icon.size, icon.purpose));
  console.log(`wrote ${ICONS.length} icons to ${dir}`);
}
