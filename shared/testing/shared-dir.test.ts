import { afterEach, describe, expect, it } from 'vitest';
import { sharedDir } from './shared-dir.ts';

describe('sharedDir', () => {
  const saved = process.env.COMPANION_SHARED_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.COMPANION_SHARED_DIR;
    else process.env.COMPANION_SHARED_DIR = saved;
  });

  it('throws naming the folder and the env var when the folder is missing', () => {
    process.env.COMPANION_SHARED_DIR = '/nonexistent/companion-shared';
    expect(() => sharedDir()).toThrow(/\/nonexistent\/companion-shared.*COMPANION_SHARED_DIR/);
  });

  it('resolves the default ../shared next to the repository', () => {
    delete process.env.COMPANION_SHARED_DIR;
    expect(sharedDir()).toMatch(/shared$/);
  });
});
