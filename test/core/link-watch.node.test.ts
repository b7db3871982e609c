import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LinkWatch, type LinkReading } from '../../src/core/call/link-watch.js';

const TIMING = { stallMs: 2500, lostMs: 20_000 };

/** A watch on a test clock, recording what it told; `look(at, reading, owed)` is one look at the link. */
function watch() {
  const told: string[] = [];
  const w = new LinkWatch(TIMING, {
    stalled: () => told.push('stalled'),
    restored: () => told.push('restored'),
    lost: () => told.push('lost'),
  });
  const look = (at: number, reading: Partial<LinkReading> & { heardAt: number }, owed = false) =>
    w.check({ steady: true, ...reading }, owed, at);
  return { told, look };
}

describe('link watch: a dead path told from a quiet one (test clock)', () => {
  it('a steady path (WebRTC) silent 2.5 s is stalled; heard again, restored; the call goes on', () => {
    const { told, look } = watch();
    look(2000, { heardAt: 0 });
    assert.deepEqual(told, []);
    look(2500, { heardAt: 0 });
    assert.deepEqual(told, ['stalled']);
    look(3000, { heardAt: 0 });
    look(14_000, { heardAt: 13_800 });
    assert.deepEqual(told, ['stalled', 'restored']);
  });

  it('silent for the whole lost time: lost, once, and nothing after', () => {
    const { told, look } = watch();
    look(2500, { heardAt: 0 });
    look(19_900, { heardAt: 0 });
    assert.deepEqual(told, ['stalled']);
    look(20_000, { heardAt: 0 });
    look(20_500, { heardAt: 20_400 });
    assert.deepEqual(told, ['stalled', 'lost']);
  });

  it('a WebSocket between turns says nothing for minutes: no stall while no reply is owed', () => {
    const { told, look } = watch();
    look(120_000, { heardAt: 0, steady: false });
    assert.deepEqual(told, []);
    look(123_000, { heardAt: 120_000, steady: false }, true);
    assert.deepEqual(told, ['stalled']);
  });

  it('what we send not moving for 2.5 s is a stall, even with nothing owed; moving again restores', () => {
    const { told, look } = watch();
    look(5000, { heardAt: 0, steady: false, stuckSince: 3000 });
    assert.deepEqual(told, []);
    look(5500, { heardAt: 0, steady: false, stuckSince: 3000 });
    look(6000, { heardAt: 0, steady: false, stuckSince: undefined });
    assert.deepEqual(told, ['stalled', 'restored']);
  });
});
