// ESLint for the whole repository: typescript-eslint with type information, Lit's and web components' rules on the
// element, and the boundaries ARCHITECTURE.md draws between the units (they keep the first download small and the
// server's code out of browsers).
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import local from './scripts/eslint/local-rules.mjs';

const serverSide = ['**/server/**', '**/stand-in/**', '**/stand-in.js'];
// The element's lazy chunks: element/chunks/, each language but English (and the table of them), English's session errors.
const lazyInElement = ['**/chunks/**', '**/strings-*.js', '**/languages.js', '**/errors-en.js'];

const browserOnly = { group: serverSide, message: 'Browser code never imports server/ or stand-in/.' };

// node:test's describe and it return promises the runner awaits.
const floatingPromises = [
  'error',
  {
    allowForKnownSafeCalls: [
      {
        from: 'package',
        package: 'node:test',
        name: ['describe', 'it', 'test', 'before', 'after', 'beforeEach', 'afterEach', 'suite'],
      },
    ],
  },
];

/** ARCHITECTURE.md's boundaries (test/lint/boundaries.test.ts breaks each one on purpose). */
export const boundaries = [
  {
    files: ['src/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['lit', 'lit/*', '@lit/*'], message: 'The core renders nothing: it must run without Lit.' },
            { group: ['**/element/**'], message: 'The core never imports the element.' },
            browserOnly,
          ],
        },
      ],
    },
  },
  {
    files: ['src/element/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Shared with the core, importing nothing: its constants, and the redactor the lazy log pane uses.
              group: ['**/core/**', '!**/core/shared.js', '!**/core/redact.js'],
              allowTypeImports: true,
              message: 'The element takes the core as a lazy chunk (core-loader.ts); import its types only.',
            },
            browserOnly,
            {
              group: lazyInElement,
              allowTypeImports: true,
              message: 'A lazy chunk: load it with import() (panel-chunks.ts), or it joins the first download.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [browserOnly] }] },
  },
];

/** Import cycles, followed through TypeScript's resolution (`./x.js` is `./x.ts`). */
export const cycles = {
  plugins: { 'import-x': importX },
  settings: {
    ...importX.flatConfigs.typescript.settings,
    'import-x/resolver': undefined,
    'import-x/resolver-next': [createTypeScriptImportResolver()],
  },
  rules: { 'import-x/no-cycle': 'error' },
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.cache/',
      'node_modules/',
      'test/consumer/fixtures/',
      'examples/',
      'wordpress/',
      'custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    ...cycles,
    plugins: { ...cycles.plugins, local },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Comma expressions hid statements to save lines; one statement per line.
      'no-sequences': ['error', { allowInParentheses: false }],
      ...cycles.rules,
      'local/one-jsdoc': 'error',
      // Small files, one job each: a file past this has a seam to find (CONTRIBUTING.md).
      'max-lines': ['error', { max: 350 }],
      // `typeof import('./chunk.js')` names a lazy chunk's type without loading it.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      '@typescript-eslint/no-floating-promises': floatingPromises,
    },
  },
  {
    files: [
      'src/**',
      'demo/**',
      'bench/**',
      'test/e2e/**',
      'test/element/**',
      'test/pages/**',
      'test/webkit/**',
      'test/core/**',
      'test/support/**',
      'test/networks/**',
    ],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/server/**', 'src/stand-in/**', 'scripts/**', 'test/**', '*.{js,mjs,ts}', 'bench/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['test/**'],
    rules: {
      // Tests read the wire's JSON and the manifest, which are untyped by nature.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['test/e2e/**', 'test/element/**', 'test/core/**', 'test/webkit/**', 'test/networks/**'],
    // @open-wc's chai plugin types every `.equal` as a promise (its DOM diff is async); the rest stays checked.
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  {
    // Beside a unit's browser tests, the tests of its pure code run in Node.
    files: ['test/**/*.node.test.ts'],
    languageOptions: { globals: globals.node },
    rules: { '@typescript-eslint/no-floating-promises': floatingPromises },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/core/audio/pcm-worklets.js'],
    languageOptions: { globals: globals.audioWorklet },
  },
  {
    files: ['src/core/transport/socket/socket-worker.js'],
    languageOptions: { globals: globals.worker },
  },
  {
    files: ['src/element/**'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/element/**'],
    ...wc.configs['flat/best-practice'],
  },
  {
    files: ['src/element/**'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/element/**'],
    plugins: { 'lit-a11y': litA11y },
    rules: litA11y.configs.recommended.rules,
  },
  ...boundaries,
);
