// ARCHITECTURE.md's boundaries, broken on purpose: ESLint must report each, and let the allowed forms pass.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';
import { boundaries, cycles } from '../../eslint.config.mjs';

const FIXTURES: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' },
    include: ['src'],
  }),
  'src/core/uses-lit.ts': "import { html } from 'lit';\nexport const t = html``;\n",
  'src/core/uses-element.ts':
    "import { RealtimeVoiceChat } from '../element/realtime-voice-chat.js';\nexport const E = RealtimeVoiceChat;\n",
  'src/core/uses-server.ts':
    "import { tokenHandler } from '../server/token-handler.js';\nexport const h = tokenHandler;\n",
  'src/element/uses-core-value.ts':
    "import { VoiceSession } from '../core/session.js';\nexport const S = VoiceSession;\n",
  'src/element/uses-stand-in.ts':
    "import { startStandIn } from '../stand-in/index.js';\nexport const s = startStandIn;\n",
  'src/element/uses-lazy-chunk.ts': "import { logPane } from './chunks/log-pane.js';\nexport const l = logPane;\n",
  'src/define-uses-server.ts':
    "import { callHandler } from './server/call-handler.js';\nexport const c = callHandler;\n",
  'src/core/cycle-a.ts': "import { b } from './cycle-b.js';\nexport const a = () => b;\n",
  'src/core/cycle-b.ts': "import { a } from './cycle-a.js';\nexport const b = () => a;\n",
  // Allowed: the core's types, a lazy chunk loaded with import(), the shared redactor.
  'src/element/allowed.ts': [
    "import type { VoiceSession } from '../core/session.js';",
    "import type { Transcript } from './chunks/transcript-actions.js';",
    "import { redact } from '../core/redact.js';",
    "import { MAX_WAITING } from '../core/shared.js';",
    "export const load = () => import('./chunks/log-pane.js');",
    'export type T = [VoiceSession, Transcript, typeof redact, typeof MAX_WAITING];',
    '',
  ].join('\n'),
};

const EXPECTED: Record<string, string[]> = {
  'src/core/uses-lit.ts': ['The core renders nothing'],
  'src/core/uses-element.ts': ['The core never imports the element'],
  'src/core/uses-server.ts': ['never imports server/ or stand-in/'],
  'src/element/uses-core-value.ts': ['import its types only'],
  'src/element/uses-stand-in.ts': ['never imports server/ or stand-in/'],
  'src/element/uses-lazy-chunk.ts': ['A lazy chunk'],
  'src/define-uses-server.ts': ['never imports server/ or stand-in/'],
  'src/core/cycle-a.ts': ['Dependency cycle'],
  'src/core/cycle-b.ts': ['Dependency cycle'],
  'src/element/allowed.ts': [],
};

describe('ESLint enforces the boundaries between the units', () => {
  const root = mkdtempSync(join(tmpdir(), 'rvc-lint-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reports each broken boundary and import cycle, and passes the allowed forms', async () => {
    for (const [path, text] of Object.entries(FIXTURES)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser },
          plugins: { '@typescript-eslint': tseslint.plugin },
        },
        {
          files: ['**/*.ts'],
          ...cycles,
          settings: {
            ...cycles.settings,
            'import-x/resolver-next': [createTypeScriptImportResolver({ project: join(root, 'tsconfig.json') })],
          },
        },
        ...boundaries,
      ],
    });
    const results = await eslint.lintFiles(Object.keys(FIXTURES).filter((path) => path.endsWith('.ts')));
    const reported = Object.fromEntries(
      results.map((r) => [r.filePath.slice(root.length + 1), r.messages.map((m) => `${m.ruleId}: ${m.message}`)]),
    );
    for (const [path, expected] of Object.entries(EXPECTED)) {
      const messages = reported[path] ?? [];
      assert.equal(messages.length, expected.length, `${path}: ${JSON.stringify(messages)}`);
      expected.forEach((words, i) => assert.ok(messages[i].includes(words), `${path}: ${messages[i]}`));
    }
  });
});
