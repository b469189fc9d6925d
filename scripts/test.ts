/**
 * `npm test`: every check the project has, in order, stopping at the first failure.
 * Each step is an npm script so it can also run alone (see README).
 */
import { spawnSync } from 'node:child_process';

const steps = [
  'typecheck',
  'lint',
  'test:unit',
  'test:worker',
  'build',
  'lint:firefox',
  'test:e2e',
  'test:firefox',
  'build:pwa',
  'test:pwa',
];

const results: { step: string; ok: boolean; seconds: number }[] = [];
for (const step of steps) {
  const started = performance.now();
  console.log(`\n▶ npm run ${step}`);
  const run = spawnSync('npm', ['run', '--silent', step], { stdio: 'inherit', env: process.env });
  const seconds = (performance.now() - started) / 1000;
  const ok = run.status === 0;
  results.push({ step, ok, seconds });
  if (!ok) break;
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? '✔' : '✖'} ${r.step.padEnd(14)} ${r.seconds.toFixed(1)} s`);
const failed = results.filter((r) => !r.ok).length;
const notRun = steps.length - results.length;
console.log(`${results.length - failed} passed, ${failed} failed${notRun ? `, ${notRun} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
