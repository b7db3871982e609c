// `npm test`: every suite, each suite's time, then one closing line `N passed, N failed` across all of them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUDGET_GZIP_BYTES, sizeOf } from './bundle-size.mjs';
import { ensureChromium, ensureInstalled } from './ensure-chromium.mjs';

mkdirSync('.cache', { recursive: true });
for (const file of readdirSync('.cache'))
  if (/^(hostile|history-oracle|conformance-.*|client-events-.*|browser-results-.*)\.json$/.test(file))
    rmSync(`.cache/${file}`);
let passed = 0;
let failed = 0;
const timings = [];
// Named again just above the closing line, where a CI log's tail shows them.
const failures = [];
const fail = (what) => {
  failed++;
  return failures.push(what);
};

function run(title, command, args, options = {}) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const env = { ...process.env, FORCE_COLOR: '0', ...options.env };
  const result = spawnSync(command, args, {
    stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env,
  });
  if (options.capture) process.stdout.write(result.stdout ?? '');
  const seconds = (Date.now() - started) / 1000;
  timings.push({ title, seconds });
  console.log(`--- ${title}: ${seconds.toFixed(1)} s`);
  return result;
}

/** A check that is not a test suite still counts: one pass or one fail. */
function check(title, command, args) {
  const ok = run(title, command, args).status === 0;
  ok ? passed++ : fail(title);
  if (!ok) console.log(`✗ ${title} failed`);
}

/** A web-test-runner suite; its reporter writes `.cache/browser-results-{suite}.json` (test/support/counting-reporter.mjs). */
function browserSuite(suite, title, command, args, extraEnv = {}) {
  const env = { RVC_SUITE: suite, ...extraEnv };
  let result = run(title, command, args, { env });
  // The runner process itself was seen to die once of SIGSEGV (a native crash in Node, not a test result): say so, run again.
  if (result.status === null || result.status >= 128) {
    console.log(
      `✗ the ${suite} test runner crashed (${result.signal ?? `exit ${result.status}`}); running the suite again`,
    );
    rmSync(`.cache/browser-results-${suite}.json`, { force: true });
    result = run(`${title}, second run`, command, args, { env });
  }
  try {
    const results = JSON.parse(readFileSync(`.cache/browser-results-${suite}.json`, 'utf8'));
    console.log(`${suite}: ${results.passed} passed, ${results.failed} failed`);
    passed += results.passed;
    failed += results.failed;
    failures.push(...results.failures.map((name) => `${suite} ${name}`));
    if (result.status !== 0 && results.failed === 0)
      fail(`${suite}: the runner exited with ${result.status ?? result.signal}`);
  } catch {
    console.log(`✗ ${suite}: no results (the suite did not finish)`);
    fail(`${suite}: no results`);
  }
}

check('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
// Formatting, ESLint (typed rules, Lit, the units' boundaries) and lit-analyzer on the templates: any finding fails.
check('lint: prettier, eslint, lit-analyzer', 'npm', ['run', '-s', 'lint']);
check('custom-elements.json is fresh', 'node', ['scripts/check-manifest.mjs']);
check('docs/api.md is fresh', 'node', ['scripts/docs.mjs', '--check']);

// The package as npm ships it (test/package checks its exports in Node).
check('package builds (npm run build)', 'npm', ['run', '-s', 'build']);

// Node 20's --test takes files, not folders. --test-force-exit: werift leaves UDP sockets open after close().
// Node-only folders run whole; beside a unit's browser tests, its pure code's tests are named *.node.test.ts.
const nodeTests = [
  ...['test/server', 'test/runtimes', 'test/stand-in', 'test/package', 'test/oracles', 'test/lint'].map((dir) => [
    dir,
    /\.test\.m?[tj]s$/,
  ]),
  ...['test/core', 'test/element', 'test/wordpress'].map((dir) => [dir, /\.node\.test\.ts$/]),
].flatMap(([dir, pattern]) =>
  readdirSync(dir)
    .filter((f) => pattern.test(f))
    .map((f) => `${dir}/${f}`),
);
/** A node:test suite run with the spec reporter (through `via`, a wrapper command, if given); its counts and failures join the closing line. */
function nodeSuite(name, title, files, via = []) {
  const node = ['node', '--import', 'tsx', '--test', '--test-force-exit', '--test-reporter=spec', ...files];
  const [command, ...args] = [...via, ...node];
  const result = run(title, command, args, { capture: true });
  const count = (what) => Number(result.stdout?.match(new RegExp(`^ℹ ${what} (\\d+)`, 'm'))?.[1] ?? NaN);
  if (Number.isNaN(count('pass'))) return fail(`${name}: no results`);
  passed += count('pass');
  failed += count('fail') + (count('cancelled') || 0);
  if (result.status !== 0 && count('fail') === 0) fail(`${name}: exited with ${result.status ?? result.signal}`);
  // The spec reporter repeats each failure under "failing tests": a location line, then "✖ name".
  const failing = result.stdout.split('\n✖ failing tests:')[1] ?? '';
  for (const [, where, test] of failing.matchAll(/^test at (\S+?):\d+:\d+\n✖ (.*?)(?: \([\d.]+m?s\))?$/gm))
    failures.push(`${name} ${where.replace(`${process.cwd()}/`, '')}: ${test}`);
}

nodeSuite('node', 'node tests (server on Node, workerd, Deno and Bun; stand-in; package)', nodeTests);

// The packed package in adopters' projects: typed templates (React, Vue, Svelte, Angular), Node's module resolutions,
// a Vite build, attw and publint; its fixtures' tools come from test/consumer's own lockfile.
const consumerTitle = 'the packed package in React, Vue, Svelte, Angular, Node and Vite projects; attw, publint';
nodeSuite('consumer', consumerTitle, ['test/consumer/consumer.test.ts']);

// The WordPress plugin in a real WordPress: Debian's WordPress 6.1, PHP 8.2 and MariaDB (installed when missing and
// we may), the plugin as `npm run wordpress` packs it, Chromium for its pages and the block editor.
const wordpress = [
  'wordpress',
  'wordpress-theme-twentytwentythree',
  'php8.2-cli',
  'php8.2-mysql',
  'php8.2-curl',
  'mariadb-server',
];
if (
  [
    '/usr/share/wordpress/wp-settings.php',
    '/usr/share/wordpress/wp-content/themes/twentytwentythree/theme.json',
    '/usr/bin/php',
    '/usr/sbin/mariadbd',
    '/usr/lib/php/20220829/mysqli.so',
    '/usr/lib/php/20220829/curl.so',
  ].every((path) => ensureInstalled(path, wordpress, { recommends: false })) &&
  ensureChromium()
) {
  check('WordPress plugin builds (npm run wordpress)', 'npm', ['run', '-s', 'wordpress']);
  nodeSuite('wordpress', 'WordPress plugin (WordPress 6.1, PHP 8.2, MariaDB, Chromium)', [
    'test/wordpress/wordpress.test.ts',
  ]);
} else fail('wordpress: not installed');

if (ensureChromium())
  browserSuite('chromium', 'browser tests (Chromium, real WebRTC and WebSocket against the stand-in)', 'npx', ['wtr']);
else fail('chromium: not installed');

// Impaired networks: Chromium and the stand-in in a network namespace of their own, where nftables cuts the path.
if (
  ensureChromium() &&
  ensureInstalled('/usr/bin/unshare', ['util-linux']) &&
  ensureInstalled('/bin/ip', ['iproute2']) &&
  ensureInstalled('/usr/sbin/nft', ['nftables'])
) {
  browserSuite(
    'networks',
    'browser tests (Chromium on an impaired path: loss, blackouts, a reset; both transports)',
    'scripts/test-namespace.sh',
    ['npx', 'wtr', '--config', 'web-test-runner.networks.config.mjs'],
  );
  // The browser in a namespace of its own, whose address changes mid-call; driven by playwright over the build.
  nodeSuite(
    'roaming',
    'Chromium whose address changes mid-call (Wi-Fi to mobile data; both transports)',
    ['test/roaming/address-change.test.ts'],
    ['scripts/test-namespace.sh'],
  );
} else fail('networks: not installed');

// Firefox's WebRTC offers no loopback candidate: the suite runs in a network namespace of its own (see the script).
if (
  ensureInstalled(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', ['firefox-esr']) &&
  ensureInstalled('/usr/bin/unshare', ['util-linux']) &&
  ensureInstalled('/bin/ip', ['iproute2'])
)
  browserSuite(
    'firefox',
    'browser tests (Firefox ESR: embedding, the WebSocket transport, voice turns on both transports, right to left)',
    'scripts/test-namespace.sh',
    ['npx', 'wtr', '--config', 'web-test-runner.firefox.config.mjs'],
  );
else fail('firefox: not installed');

// WebKitGTK needs a display (Xvfb). With no sound card, ALSA's default is its null device (a HOME of its own holds the
// .asoundrc), so nothing probes for a card that is not there.
if (
  ensureInstalled('/usr/bin/WebKitWebDriver', ['webkit2gtk-driver']) &&
  ensureInstalled('/usr/bin/xvfb-run', ['xvfb', 'xauth'])
) {
  const home = resolve('.cache/webkit-home');
  mkdirSync(home, { recursive: true });
  writeFileSync(`${home}/.asoundrc`, 'pcm.!default {\n  type null\n}\n');
  browserSuite(
    'webkit',
    'browser tests (WebKitGTK: the WebSocket transport, smoke; right to left)',
    'xvfb-run',
    ['-a', 'npx', 'wtr', '--config', 'web-test-runner.webkit.config.mjs'],
    { HOME: home, npm_config_cache: resolve('.cache/npm') },
  );
} else fail('webkit: not installed');

// The stand-in must speak exactly what OpenAI's published schemas accept (test/support/conformance.ts), in every suite.
const reports = readdirSync('.cache')
  .filter((f) => /^conformance-.*\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(`.cache/${f}`, 'utf8')));
if (reports.length) {
  const events = reports.reduce((sum, r) => sum + r.events, 0);
  const mismatches = reports.reduce((sum, r) => sum + r.mismatches, 0);
  console.log(`\nconformance: ${events} events, ${mismatches} mismatches`);
  for (const { type, problem } of reports.flatMap((r) => r.examples)) console.log(`  ✗ ${type}: ${problem}`);
  mismatches === 0 && events > 0 ? passed++ : fail('conformance');
} else {
  console.log('\n✗ conformance: no report (no browser suite finished)');
  fail('conformance: no report');
}

// Every client event the stand-in received, against schemas generated from the `openai` package's types
// (test/support/client-event-oracle.ts); events the stand-in refused too are tests' probes, counted apart.
const clientFiles = readdirSync('.cache').filter((f) => /^client-events-.*\.json$/.test(f));
const clientReports = clientFiles.map((f) => JSON.parse(readFileSync(`.cache/${f}`, 'utf8')));
if (clientReports.length) {
  const sum = (key) => clientReports.reduce((total, r) => total + r[key], 0);
  const probes = `${sum('probes')} refused by the stand-in too`;
  console.log(`client events: ${sum('events')} checked, ${sum('violations')} violations (${probes})`);
  for (const { type, problem, event } of clientReports.flatMap((r) => r.examples)) {
    console.log(`  ✗ ${type}: ${problem}\n    ${event}`);
  }
  for (const { type, problem } of clientReports.flatMap((r) => r.probeExamples)) console.log(`  · ${type}: ${problem}`);
  sum('violations') === 0 && sum('events') > 0 ? passed++ : fail('client events');
} else {
  console.log('✗ client events: no report (no browser suite finished)');
  fail('client events: no report');
}
try {
  console.log(JSON.parse(readFileSync('.cache/history-oracle.json', 'utf8')).line);
} catch {
  console.log('history oracle: no tally (the node tests did not finish)');
}

// What the suites threw at the element and the servers (test/support/hostile-report.ts).
try {
  const h = JSON.parse(readFileSync('.cache/hostile.json', 'utf8'));
  console.log(
    `hostile input: ${h.bodies} bodies of 200 MB tried (server memory grew ${h.bodyGrowthMb} MB at most), ${h.keysEmbedded} keys embedded, ${h.eventsFuzzed} malformed events sent: ${h.leaks} leaks, ${h.crashes} crashes`,
  );
} catch {
  console.log('hostile input: no tally (a suite did not finish)');
}

const build = run('size budget of the one-file build', 'npx', [
  'vite',
  'build',
  '--config',
  'vite.standalone.config.ts',
  '--logLevel',
  'warn',
]);
if (build.status === 0) {
  const { gzip, brotli } = sizeOf('dist/realtime-voice-chat.js');
  const within = gzip <= BUDGET_GZIP_BYTES;
  console.log(
    `${within ? '✓' : '✗'} dist/realtime-voice-chat.js: ${gzip} bytes gzip (budget ${BUDGET_GZIP_BYTES}), ${brotli} bytes brotli`,
  );
  within ? passed++ : fail('size budget');
} else fail('size budget: the build failed');

console.log('\nsuite durations:');
for (const { title, seconds } of timings) console.log(`  ${seconds.toFixed(1).padStart(7)} s  ${title}`);
console.log(
  `  ${timings
    .reduce((sum, t) => sum + t.seconds, 0)
    .toFixed(1)
    .padStart(7)} s  in all`,
);
if (failures.length) console.log(`\nfailed:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
