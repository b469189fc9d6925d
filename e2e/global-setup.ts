import { chromeBuild, chromiumPath, requireBuild } from './browsers.ts';

/** Fail the whole run at once, with instructions, when there is no browser or no build: never skip. */
export default function globalSetup(): void {
  chromiumPath();
  requireBuild(chromeBuild);
}
