// `npm test`: every suite, then one closing line `N passed, N failed` across all of them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { BUDGET_GZIP_BYTES, sizeOf } from './bundle-size.mjs';
import { ensureChromium } from './ensure-chromium.mjs';

mkdirSync('.cache', { recursive: true });
rmSync('.cache/hostile.json', { force: true });
let passed = 0;
let failed = 0;

function run(title, command, args, options = {}) {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (options.capture) process.stdout.write(result.stdout ?? '');
  return result;
}

/** A check that is not a test suite still counts: one pass or one fail. */
function check(title, command, args) {
  const ok = run(title, command, args).status === 0;
  ok ? passed++ : failed++;
  if (!ok) console.log(`✗ ${title} failed`);
}

check('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('custom-elements.json is fresh', 'node', ['scripts/check-manifest.mjs']);

// The package as npm ships it (test/package checks its exports in Node).
check('package builds (npm run build)', 'npm', ['run', '-s', 'build']);

// Node 20's --test takes files, not folders. --test-force-exit: werift leaves UDP sockets open after close().
const nodeTests = ['test/unit', 'test/server', 'test/stand-in', 'test/package'].flatMap((dir) => readdirSync(dir).filter((f) => /\.test\.m?[tj]s$/.test(f)).map((f) => `${dir}/${f}`));
const node = run('node tests (server, stand-in, package)', 'node', ['--import', 'tsx', '--test', '--test-force-exit', '--test-reporter=spec', ...nodeTests], { capture: true });
const count = (name) => Number(node.stdout?.match(new RegExp(`^ℹ ${name} (\\d+)`, 'm'))?.[1] ?? NaN);
if (Number.isNaN(count('pass'))) failed++;
else {
  passed += count('pass');
  failed += count('fail') + (count('cancelled') || 0);
  if (node.status !== 0 && count('fail') === 0) failed++;
}

rmSync('.cache/browser-results.json', { force: true });
rmSync('.cache/conformance.json', { force: true });
if (!ensureChromium()) failed++;
let browser = run('browser tests (Chromium, real WebRTC against the stand-in)', 'npx', ['wtr']);
// The runner process itself was seen to die once of SIGSEGV (a native crash in Node, not a test result): say so, run again.
if (browser.status === null || browser.status >= 128) {
  console.log(`✗ the browser test runner crashed (${browser.signal ?? `exit ${browser.status}`}); running the browser tests again`);
  rmSync('.cache/browser-results.json', { force: true });
  rmSync('.cache/conformance.json', { force: true });
  browser = run('browser tests, second run', 'npx', ['wtr']);
}
try {
  const results = JSON.parse(readFileSync('.cache/browser-results.json', 'utf8'));
  passed += results.passed;
  failed += results.failed;
  if (browser.status !== 0 && results.failed === 0) failed++;
} catch {
  failed++;
}

// The stand-in must speak exactly what OpenAI's published schemas accept (test/support/conformance.ts).
try {
  const conformance = JSON.parse(readFileSync('.cache/conformance.json', 'utf8'));
  console.log(`\nconformance: ${conformance.events} events, ${conformance.mismatches} mismatches`);
  for (const { type, problem } of conformance.examples) console.log(`  ✗ ${type}: ${problem}`);
  conformance.mismatches === 0 && conformance.events > 0 ? passed++ : failed++;
} catch {
  console.log('\n✗ conformance: no report (the browser suite did not finish)');
  failed++;
}

// What the suites threw at the element and the servers (test/support/hostile-report.ts).
try {
  const h = JSON.parse(readFileSync('.cache/hostile.json', 'utf8'));
  console.log(`hostile input: ${h.bodies} bodies of 200 MB tried (server memory grew ${h.bodyGrowthMb} MB at most), ${h.keysEmbedded} keys embedded, ${h.eventsFuzzed} malformed events sent: ${h.leaks} leaks, ${h.crashes} crashes`);
} catch {
  console.log('hostile input: no tally (a suite did not finish)');
}

const build = run('size budget of the one-file build', 'npx', ['vite', 'build', '--config', 'vite.standalone.config.ts', '--logLevel', 'warn']);
if (build.status === 0) {
  const { gzip, brotli } = sizeOf('dist/realtime-voice-chat.js');
  const within = gzip <= BUDGET_GZIP_BYTES;
  console.log(`${within ? '✓' : '✗'} dist/realtime-voice-chat.js: ${gzip} bytes gzip (budget ${BUDGET_GZIP_BYTES}), ${brotli} bytes brotli`);
  within ? passed++ : failed++;
} else failed++;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
