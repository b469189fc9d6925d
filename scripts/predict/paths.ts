import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSER_REGIME, REGIMES, type Regime } from '../../shared/predict/regimes.ts';

export const MODEL_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'predict',
  'model',
);
/** The browser's model (regimes.ts BROWSER_REGIME). */
export const MODEL_ONNX = modelPaths(BROWSER_REGIME).onnx;
export const MODEL_META = modelPaths(BROWSER_REGIME).meta;

export function modelPaths(regime: Regime): { onnx: string; meta: string } {
  const base = join(MODEL_DIR, REGIMES[regime].file);
  return { onnx: `${base}.onnx`, meta: `${base}.json` };
}

const repoRoot = resolve(MODEL_DIR, '..', '..', '..');

/** Writes JSON the way Biome formats it, so `npm run lint` stays clean after a training run. */
export function writeFormattedJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  execFileSync(join(repoRoot, 'node_modules', '.bin', 'biome'), ['format', '--write', path], {
    stdio: 'ignore',
  });
}
