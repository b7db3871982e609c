import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { parseRecording } from '../../src/stand-in/replay/recording.js';
import { agentsHistory } from './agents-history.js';
import { compareHistories, type HistoryDifference } from './history-diff.js';
import { ourHistory } from './our-history.js';

type Known = HistoryDifference & { reason: string };
const known = JSON.parse(readFileSync('test/oracles/history-differences.json', 'utf8')) as Known[];
const key = (d: HistoryDifference) => JSON.stringify([d.recording, d.itemId, d.ours, d.theirs]);
const files = readdirSync('test/recordings').filter((f) => f.endsWith('.jsonl'));
const tally = { recordings: 0, items: 0, known: 0 };

// Each recording folded by OpenAI's Agents SDK and by our reducer: what a visitor reads of every item must agree,
// but for the differences listed, each with its reason, in history-differences.json.
describe('history oracle: our conversation against the Agents SDK’s history', () => {
  for (const file of files) {
    const recording = file.replace(/\.jsonl$/, '');
    it(recording, async () => {
      const lines = parseRecording(readFileSync(`test/recordings/${file}`, 'utf8')).lines;
      const events = lines.flatMap((line) => ('server' in line ? [line.server] : []));
      const theirs = await agentsHistory(events);
      assert.deepEqual(theirs.errors, [], 'the SDK’s session reported errors');
      const { compared, differences } = compareHistories(recording, ourHistory(events), theirs.items);
      const listed = new Set(known.filter((k) => k.recording === recording).map(key));
      tally.recordings++;
      tally.items += compared;
      tally.known += differences.filter((d) => listed.has(key(d))).length;
      const unlisted = differences.filter((d) => !listed.has(key(d)));
      assert.deepEqual(unlisted, [], 'differences not in history-differences.json');
      const found = new Set(differences.map(key));
      const gone = known.filter((k) => k.recording === recording && !found.has(key(k)));
      assert.deepEqual(gone, [], 'listed differences that no longer happen');
    });
  }

  it('lists no difference for a recording that is gone', () => {
    const names = new Set(files.map((f) => f.replace(/\.jsonl$/, '')));
    assert.deepEqual(
      known.filter((k) => !names.has(k.recording)).map((k) => k.recording),
      [],
    );
    assert.ok(
      known.every((k) => k.reason.length > 20),
      'every listed difference says why',
    );
  });

  after(() => {
    const { recordings, items, known: listed } = tally;
    const line = `history oracle: ${recordings} recordings, ${items} items compared, ${listed} known differences`;
    console.log(line);
    mkdirSync('.cache', { recursive: true });
    writeFileSync('.cache/history-oracle.json', JSON.stringify({ line }));
  });
});
