import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// Every place that tells someone how to install or import this package must name it as package.json does: an
// install command or import naming any other `realtime-voice-chat…` package fetches someone else's code from npm.
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const STEM = 'realtime-voice-chat';

/** Where adopters read or copy install commands and imports, and the configs that map our specifiers to sources. */
const ROOTS = [
  'README.md',
  'CHANGELOG.md',
  'SECURITY.md',
  'docs',
  'examples',
  'demo',
  'scripts',
  'src',
  'test',
  'tsconfig.json',
  'vite.config.ts',
  'vite.demo.config.ts',
  'vite.standalone.config.ts',
  'vite.classic.config.ts',
];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.next', '.cache', '.git']);
// This file's own samples name the old package on purpose.
const SELF = relative(process.cwd(), fileURLToPath(import.meta.url));
const TEXT = new Set([
  '.md',
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '.vue',
  '.svelte',
  '.html',
  '.json',
  '.toml',
  '.sh',
  '.yml',
  '.yaml',
]);

function* files(path: string): Generator<string> {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path)) if (!SKIP_DIRS.has(entry)) yield* files(join(path, entry));
  } else if (TEXT.has(extname(path)) && path !== SELF) yield path;
}

/** The npm package a specifier or install argument names: `@scope/name` or `name`, without subpath or `@version`. */
function packageOf(spec: string): string | undefined {
  const bare = spec.replace(/^npm:/, '');
  if (/^(?:[./#~$]|[a-z][a-z0-9+.-]*:)/i.test(bare)) return undefined; // relative, absolute, alias, jsr:, https:, node:
  const match = bare.match(/^(@[^/@\s]+\/[^/@\s]+|[^/@\s]+)/);
  return match?.[1];
}

/** Whether a package name looks like ours: the stem, alone or followed by `-…`. */
const looksOurs = (name: string | undefined): name is string =>
  !!name && (name === STEM || name.startsWith(`${STEM}-`));

export interface Reference {
  file: string;
  line: number;
  kind: string;
  spec: string;
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Everything in one file's text that names a package: imports, `npm:` specifiers, install commands, manifests. */
export function references(file: string, text: string): Reference[] {
  const found: Reference[] = [];
  const add = (kind: string, spec: string, index: number) =>
    found.push({ file, line: lineAt(text, index), kind, spec });
  const scan = (kind: string, pattern: RegExp, group = 2) => {
    for (const m of text.matchAll(pattern)) add(kind, m[group], m.index);
  };
  scan('import', /\bfrom\s*(['"`])([^'"`\s]+)\1/g);
  scan('import', /\bimport\s*(['"`])([^'"`\s]+)\1/g);
  scan('import', /\bimport\s*\(\s*(['"`])([^'"`\s]+)\1/g);
  scan('require', /\brequire(?:\.resolve)?\s*\(\s*(['"`])([^'"`\s]+)\1/g);
  scan('npm: specifier', /(^|[^\w-])(npm:[^\s'"`),\]}]+)/g);
  // npm install / npm i / npm add / bun add / pnpm add / yarn add / deno add, then its arguments up to the line's end.
  for (const m of text.matchAll(/\b(?:npm\s+(?:install|i|add)|(?:bun|pnpm|yarn|deno)\s+add)\b([^\n`;&|]*)/g)) {
    for (const arg of m[1].trim().split(/\s+/))
      if (arg && !arg.startsWith('-')) add('install command', arg.replace(/^['"]|['"]$/g, ''), m.index);
  }
  // Aliases that map our specifiers in bundler configs (vite, esbuild, Next.js's resolveAlias in test support).
  for (const m of text.matchAll(/\b(?:alias|resolveAlias)\s*[:=]\s*\{([^}]*)\}/g)) {
    for (const key of m[1].matchAll(/(['"])([^'"]+)\1\s*:/g)) add('alias', key[2], m.index + key.index);
  }
  // In Markdown, an inline code span that is an entry point (`realtime-voice-chat/server`).
  if (extname(file) === '.md') scan('entry point', new RegExp(`(\`)(${STEM}[\\w-]*/[\\w./-]*)\``, 'g'));
  if (extname(file) === '.json') {
    type Fields = 'dependencies' | 'devDependencies' | 'peerDependencies' | 'optionalDependencies' | 'imports';
    let json: Partial<Record<Fields, Record<string, unknown>>> & {
      compilerOptions?: { paths?: Record<string, unknown> };
    };
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      return found; // JSON with comments (tsconfig): the text patterns above still apply.
    }
    const keyAt = (key: string) => {
      const i = text.indexOf(JSON.stringify(key));
      return i < 0 ? 0 : i;
    };
    if (basename(file) === 'package.json' && file !== 'package.json') {
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const) {
        for (const name of Object.keys(json[field] ?? {})) add(`${field} entry`, name, keyAt(name));
      }
    }
    // deno.json / import maps: the keys are the specifiers code imports; their values (npm:…) were scanned above.
    for (const name of Object.keys(json.imports ?? {})) add('import map key', name, keyAt(name));
    for (const name of Object.keys(json.compilerOptions?.paths ?? {})) add('tsconfig path', name, keyAt(name));
  }
  return found;
}

/** The references that look like our package but name something other than package.json's name. */
export function wrongNames(refs: Reference[], name: string): Reference[] {
  return refs.filter((r) => {
    const named = packageOf(r.spec);
    return looksOurs(named) && named !== name;
  });
}

const all = ROOTS.flatMap((root) => [...files(root)]).flatMap((file) => references(file, readFileSync(file, 'utf8')));
const ours = all.filter((r) => looksOurs(packageOf(r.spec)));
const show = (refs: Reference[]) => refs.map((r) => `${r.file}:${r.line} (${r.kind}) ${r.spec}`).join('\n');

describe('the package’s name, wherever it is installed or imported', () => {
  it('the scanner sees an old or mistyped name in each kind of reference', () => {
    const sample = [
      "import 'realtime-voice-chat';",
      "import type { X } from 'realtime-voice-chat';",
      'export { y } from "realtime-voice-chat/core";',
      "await import('realtime-voice-chat/server');",
      "const z = require('realtime-voice-chat-elements');",
      'npm install --save realtime-voice-chat',
      'npm i realtime-voice-chat@latest lit',
      'bun add realtime-voice-chat',
      'pnpm add -D realtime-voice-chat',
      'yarn add realtime-voice-chat',
      'deno add npm:realtime-voice-chat',
      'import { a } from "npm:realtime-voice-chat@0.1.0/server";',
      "resolve: { alias: { 'realtime-voice-chat': '/src/index.ts' } }",
    ].join('\n');
    const wrong = wrongNames(references('sample.ts', sample), 'realtime-voice-chat-element');
    assert.deepEqual(
      [...new Set(wrong.map((r) => r.line))].sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
      show(wrong),
    );
    const manifest = JSON.stringify(
      {
        dependencies: { lit: '^3', 'realtime-voice-chat': 'latest' },
        imports: { 'realtime-voice-chat/server': 'npm:realtime-voice-chat/server' },
      },
      null,
      2,
    );
    assert.deepEqual(
      wrongNames(references('examples/x/package.json', manifest), 'realtime-voice-chat-element')
        .map((r) => r.kind)
        .sort(),
      ['dependencies entry', 'import map key', 'npm: specifier'],
    );
    assert.deepEqual(
      wrongNames(
        references('sample.md', '`realtime-voice-chat/server` and `realtime-voice-chat-element/server`'),
        'realtime-voice-chat-element',
      ).map((r) => r.spec),
      ['realtime-voice-chat/server'],
    );
    // The element's tag, dist file names, the WordPress plugin's slug and relative imports are not package names.
    const notPackages = [
      "import { styles } from './realtime-voice-chat.styles.js';",
      "document.querySelector('realtime-voice-chat');",
      '<script type="module" src="/dist/realtime-voice-chat.js"></script>',
      '`wordpress/realtime-voice-chat/` and `/wp-json/realtime-voice-chat/v1/token`',
      "import { x } from 'lit'; npm install ws hono",
    ].join('\n');
    assert.deepEqual(wrongNames(references('sample.md', notPackages), 'realtime-voice-chat-element'), []);
  });

  it('package.json does not take the name of the unrelated npm package realtime-voice-chat', () => {
    // `npm view realtime-voice-chat` is "A cloud-based SDK for React Native", not ours.
    assert.notEqual(pkg.name, STEM);
    assert.ok(looksOurs(pkg.name), `${pkg.name} still starts with ${STEM}, which the scan below relies on`);
  });

  it(`every import, npm: specifier, install command and dependency names ${pkg.name}`, () => {
    const wrong = wrongNames(all, pkg.name);
    assert.equal(wrong.length, 0, `these name another package than package.json's "${pkg.name}":\n${show(wrong)}`);
  });

  it('the README, the examples and the demo do name the package (the scan is not looking at nothing)', () => {
    const where = (prefix: string, kind?: string) =>
      ours.filter((r) => r.file.startsWith(prefix) && (!kind || r.kind === kind));
    assert.ok(where('README.md', 'install command').length > 0, 'README.md has an install command for the package');
    assert.ok(where('README.md', 'import').length > 0, 'README.md imports the package');
    assert.ok(
      where('examples/nextjs/package.json', 'dependencies entry').length > 0,
      'the Next.js example depends on the package',
    );
    assert.ok(
      where('examples/deno/deno.json', 'npm: specifier').length > 0,
      'the Deno example maps the package with npm:',
    );
    for (const dir of [
      'examples/bun',
      'examples/hono',
      'examples/cloudflare-worker',
      'demo/react',
      'demo/vue',
      'demo/svelte',
    ])
      assert.ok(where(dir, 'import').length > 0, `${dir} imports the package`);
  });

  it('package-lock.json’s root entries carry the same name', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    assert.equal(lock.name, pkg.name);
    assert.equal(lock.packages[''].name, pkg.name);
  });
});
