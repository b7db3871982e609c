import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

// The package as an adopter gets it: `npm pack`, then this folder's lockfile (`npm ci`) and the tarball installed in a
// temporary folder, one node_modules shared by the fixtures. Runs after `npm run build` (scripts/test-consumer.mjs and
// scripts/test.mjs build first).
const SUITE = 'test/consumer';
const root = process.cwd();
let dir = '';
let tarball = '';

/** Runs a command; fails the test with its output unless it exits with `status`. */
function run(command: string, args: string[], cwd: string, status = 0): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  assert.equal(
    result.status,
    status,
    `${command} ${args.join(' ')} (in ${cwd}) exited with ${result.status}:\n${output}`,
  );
  return output;
}

const bin = (name: string) => join(dir, 'node_modules/.bin', name);
const fixture = (name: string) => join(dir, 'fixtures', name);

/** The first code block of a language under a README heading: the examples adopters copy must compile. */
function readmeBlock(heading: string, language: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const at = readme.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `README.md has a "${heading}" section`);
  const block = readme.slice(at).match(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\\n\`\`\``));
  assert.ok(block, `README.md's "${heading}" has a ${language} example`);
  return `${block[1]}\n`;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rvc-consumer-'));
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  tarball = join(dir, packed);
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(SUITE, file), join(dir, file));
  cpSync(join(SUITE, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
  // The registry only, no install scripts: the fixtures' tools need none.
  run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], dir);
  run('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', tarball], dir);
  writeFileSync(join(fixture('react'), 'src/readme-react.tsx'), readmeBlock('### React 19', 'tsx'));
  writeFileSync(join(fixture('react'), 'src/readme-tools.ts'), readmeBlock('## Tools in the page', 'ts'));
  writeFileSync(join(fixture('angular'), 'src/readme-voice.component.ts'), readmeBlock('### Angular', 'ts'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed package in an adopter’s project', () => {
  it('attw: every entry has its types under node10, node16 and bundler (ESM only: require() gets ESM)', () => {
    run(
      join(root, 'node_modules/.bin/attw'),
      [tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'table-flipped'],
      root,
    );
  });

  it('publint: nothing to report', () => {
    const output = run(join(root, 'node_modules/.bin/publint'), ['run', tarball, '--strict'], root);
    assert.match(output, /All good!/, output);
  });

  it('React 19: TSX types the tag, refuses a bogus layout and a misspelled event; the README examples compile', () => {
    // mistakes.tsx's @ts-expect-error lines fail the run unless each really is an error.
    run(bin('tsc'), ['-p', 'tsconfig.json'], fixture('react'));
  });

  it('Vue 3: vue-tsc types the tag’s attributes and events in an SFC', () => {
    run(bin('vue-tsc'), ['-p', 'tsconfig.json'], fixture('vue'));
  });

  it('Svelte 5: svelte-check passes the component and reports exactly the two mistakes', () => {
    const output = run(
      bin('svelte-check'),
      ['--tsconfig', './tsconfig.json', '--output', 'machine'],
      fixture('svelte'),
      1,
    );
    const errors = [...output.matchAll(/^\d+ ERROR "([^"]+)" (\d+):\d+ "(.*)"$/gm)].map(
      ([, file, line, text]) => `${file}:${line} ${text}`,
    );
    assert.equal(errors.length, 2, output);
    assert.match(errors[0], /^src\/Mistakes\.svelte:6 .*bogus/);
    assert.match(errors[1], /^src\/Mistakes\.svelte:7 .*speaking/);
  });

  it('Angular: ngc compiles a standalone component, strict templates typing `$event` by the element’s events', () => {
    run(bin('ngc'), ['-p', 'tsconfig.json'], fixture('angular'));
  });

  it('Node: /server and /stand-in typed under node16, bundler and node10 (skipLibCheck off); the import runs', () => {
    for (const resolution of ['node16', 'bundler', 'node10'])
      run(bin('tsc'), ['-p', `tsconfig.${resolution}.json`], fixture('node'));
    const printed = JSON.parse(run(process.execPath, ['out/server.js'], fixture('node')));
    assert.deepEqual(printed, { status: 200, body: { value: 'ek_consumer', expires_at: 1_900_000_000 } });
  });

  it('Vite builds the React app with the element’s lazy chunks and its worklet and worker files', () => {
    run(bin('vite'), ['build', '--logLevel', 'warn'], fixture('react'));
    const assets = readdirSync(join(fixture('react'), 'dist/assets'));
    const code = assets
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(fixture('react'), 'dist/assets', f), 'utf8'))
      .join('\n');
    for (const chunk of ['session-entry', 'pcm-worklets', 'socket-worker']) {
      const file = assets.find((f) => f.startsWith(`${chunk}-`) && f.endsWith('.js'));
      assert.ok(file, `${chunk} is in the build: ${assets.join(', ')}`);
      if (chunk !== 'session-entry') assert.ok(code.includes(file), `the build loads ${file}`);
    }
    assert.match(code, /customElements\.define\(/);
  });
});
