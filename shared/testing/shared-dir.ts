/**
 * Where the read-only team inputs live (real fixture pages, price histories). One env var for every test and
 * script, defaulting to `../shared` next to the repository.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function sharedDir(): string {
  const dir = resolve(repoRoot, process.env.COMPANION_SHARED_DIR ?? '../shared');
  if (!existsSync(dir)) {
    throw new Error(
      `shared input folder ${dir} is missing: set COMPANION_SHARED_DIR to the folder holding fixtures/ and data/`,
    );
  }
  return dir;
}
