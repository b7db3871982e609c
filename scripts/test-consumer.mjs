// `npm run test:consumer`: builds, then runs test/consumer (the packed package in React, Vue, Svelte, Angular, Node and
// Vite projects, with attw and publint) and closes with `N passed, N failed`. `--no-build` uses the dist/ there is.
import { spawnSync } from 'node:child_process';

const started = Date.now();
if (
  !process.argv.includes('--no-build') &&
  spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' }).status !== 0
) {
  console.log('\n0 passed, 1 failed (the build failed)');
  process.exit(1);
}
const args = ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/consumer/consumer.test.ts'];
const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
process.stdout.write(result.stdout ?? '');
const count = (what) => Number(result.stdout?.match(new RegExp(`^ℹ ${what} (\\d+)`, 'm'))?.[1] ?? 0);
const failed = count('fail') + count('cancelled') || (result.status === 0 ? 0 : 1);
console.log(`\n${count('pass')} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
