import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { liveCheck } from '../../scripts/live-check.js';
import { parseRecording } from '../../src/stand-in/replay/recording.js';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { call } from '../support/werift-caller.js';

// test:live's own plumbing, pointed at the stand-in: the same checks, its recording, and the replay of that recording.
describe('npm run test:live, against the stand-in', () => {
  let folder: string;
  let standIn: StandIn;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rvc-recordings-'));
    standIn = await startStandIn({ recordings: folder });
  });
  after(async () => {
    await standIn.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('without OPENAI_API_KEY it says it skipped, and passes', () => {
    const env = { ...process.env };
    delete env.OPENAI_API_KEY;
    const out = execFileSync('npx', ['tsx', 'scripts/test-live.ts'], { env, encoding: 'utf8' });
    assert.match(out, /test:live skipped: set OPENAI_API_KEY/);
  });

  it('checks conformance, a text turn and a tool turn, and records the session (keys redacted) for the replay mode', async () => {
    const result = await liveCheck({ ...standIn, apiKey: 'sk-live-check-SENTINEL-0123456789' }, { record: folder });
    assert.deepEqual(result.mismatches, []);
    assert.deepEqual(result.turns, { text: 'completed', tool: 'completed' });
    const text = await readFile(result.recording!, 'utf8');
    assert.ok(!/ek_[A-Za-z0-9]{20}|SENTINEL/.test(text), 'no key in the recording');
    const recording = parseRecording(text);
    const recordedTypes = recording.lines.filter((l) => 'server' in l).map((l) => ('server' in l ? l.server.type : ''));

    // Played back: the same client events get the same server events, in the same order.
    const name = basename(result.recording!, '.jsonl');
    assert.ok((await readdir(folder)).includes(`${name}.jsonl`));
    const replay = await call({ baseUrl: standIn.baseUrl.replace(/\/v1$/, `/replay/${name}/v1`) });
    for (const line of recording.lines) if ('client' in line) replay.send(line.client);
    await replay.wait(
      (e) => e.type === 'response.done' && replay.events.filter((x) => x.type === 'response.done').length === 3,
    );
    assert.deepEqual(
      replay.events.map((e) => e.type),
      recordedTypes,
    );
    await replay.close();
  });
});
