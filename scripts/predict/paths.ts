import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MODEL_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'predict',
  'model',
);
export const MODEL_ONNX = join(MODEL_DIR, 'price-drop.onnx');
export const MODEL_META = join(MODEL_DIR, 'price-drop.json');

const repoRoot = resolve(MODEL_DIR, '..', '..', '..');

/** Writes JSON the way Biome formats it, so `npm run lint` stays clean after a training run. */
export function writeFormattedJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  execFileSync(join(repoRoot, 'node_modules', '.bin', 'biome'), ['format', '--write', path], {
    stdio: 'ignore',
  });
}
