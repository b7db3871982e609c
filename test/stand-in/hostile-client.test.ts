import assert from 'node:assert/strict';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { MAX_RECEIVED } from '../../src/stand-in/call/bounded.js';
import { call } from '../support/werift-caller.js';

describe('the stand-in against a hostile client', () => {
  let standIn: StandIn;
  let outside: string;
  before(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rvc-recordings-'));
    outside = mkdtempSync(join(tmpdir(), 'rvc-outside-'));
    writeFileSync(join(outside, 'secret.jsonl'), '{"recording":{"source":"outside the folder"}}\n');
    symlinkSync(join(outside, 'secret.jsonl'), join(folder, 'escape.jsonl'));
    standIn = await startStandIn({ recordings: folder });
  });
  after(() => standIn.close());

  it('keeps and quotes a bounded share of what a client sends: long event types, and many of them', async () => {
    const caller = await call(standIn, {});
    try {
      const huge = `x${'y'.repeat(60_000)}`;
      caller.send({ type: huge });
      const error = await caller.wait((e) => e.type === 'error');
      assert.ok(error.error.message.length < 2000, `the error echoes ${error.error.message.length} characters`);
      for (let i = 0; i < MAX_RECEIVED + 50; i++) caller.send({ type: `bogus.${i}` });
      await caller.wait((e) => e.type === 'error' && e.error.message.includes(`bogus.${MAX_RECEIVED + 49}`));
      const kept = (standIn.calls.get(caller.callId) as unknown as { received: string[] }).received;
      assert.ok(kept.length <= MAX_RECEIVED, `${kept.length} kept`);
      assert.ok(kept.every((type) => type.length <= 101));
    } finally {
      await caller.close();
    }
  });

  it('never follows a symbolic link out of its recordings folder', async () => {
    const replay = await fetch(`${standIn.baseUrl.replace(/\/v1$/, '')}/replay/escape/v1/realtime/calls`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-x', 'content-type': 'application/sdp' },
      body: 'v=0\r\n',
    });
    assert.notEqual(replay.status, 201);
    assert.doesNotMatch(await replay.text(), /outside the folder/);
  });
});
