import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseRecording } from '../../src/stand-in/replay/recording.js';
import { Conformance } from '../support/conformance.js';

// The recordings the tests replay are fixtures of the real protocol: each names its source and every server event
// in it passes OpenAI's published schemas.
describe('recorded sessions (test/recordings)', () => {
  for (const file of readdirSync('test/recordings').filter((f) => f.endsWith('.jsonl'))) {
    it(`${file}: names its source, and its server events conform`, () => {
      const recording = parseRecording(readFileSync(`test/recordings/${file}`, 'utf8'));
      assert.ok(recording.header.source.length > 40, 'a source worth the name');
      const conformance = new Conformance();
      for (const line of recording.lines) if ('server' in line) conformance.check(line.server);
      assert.deepEqual(conformance.summary().examples, []);
      assert.ok(conformance.events > 5);
    });
  }
});
