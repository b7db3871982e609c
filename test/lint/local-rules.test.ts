// The repository's own ESLint rules, on small texts: each reports what it is for, and only that.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import local from '../../scripts/eslint/local-rules.mjs';

const lint = (text: string) =>
  new Linter().verify(text, [{ plugins: { local }, rules: { 'local/one-jsdoc': 'error' } }]).map((m) => m.line);

describe('local/one-jsdoc', () => {
  it('reports a JSDoc block followed by another, and passes one block per declaration', () => {
    assert.deepEqual(lint('/** A leftover. */\n/** The doc. */\nexport const a = 1;\n'), [1]);
    assert.deepEqual(lint('/** One. */\nexport const a = 1;\n/** Two. */\nexport const b = 2;\n'), []);
    // A line comment between is a note, not a lost doc.
    assert.deepEqual(lint('/** Doc. */\n// why\nexport const a = 1;\n/* plain */\n/** Doc. */\nconst b = 2;\n'), []);
  });
});
