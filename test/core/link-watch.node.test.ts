import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LinkWatch, type LinkReading } from '../../src/core/call/link-watch.js';
import { addressGone } from '../../src/core/transport/device-addresses.js';

const TIMING = { stallMs: 2500, lostMs: 20_000 };

/** A watch on a test clock, recording what it told; `look(at, reading, owed)` is one look at the link. */
function watch() {
  const told: string[] = [];
  const w = new LinkWatch(TIMING, {
    stalled: () => told.push('stalled'),
    restored: () => told.push('restored'),
    lost: (why) => told.push(`lost: ${why}`),
  });
  const look = (at: number, reading: Partial<LinkReading> & { heardAt: number }, owed = false) =>
    w.check({ steady: true, ...reading }, owed, at);
  return { told, look, lose: (why: string) => w.lose(why) };
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
    assert.deepEqual(told, ['stalled', 'lost: nothing arrived for 20 s']);
  });

  it('a WebSocket between turns says nothing for minutes: no stall while no reply is owed', () => {
    const { told, look } = watch();
    look(120_000, { heardAt: 0, steady: false });
    assert.deepEqual(told, []);
    look(123_000, { heardAt: 120_000, steady: false }, true);
    assert.deepEqual(told, ['stalled']);
  });

  it('a WebSocket reply whose voice still plays is not stalled by a pause on the wire; dry and silent, it is', () => {
    const { told, look } = watch();
    look(4000, { heardAt: 0, steady: false, playing: true }, true);
    assert.deepEqual(told, []);
    look(4250, { heardAt: 0, steady: false, playing: false }, true);
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

  it('a reply owed while voice still flows but no event comes for the lost time: lost (the event channel died)', () => {
    const { told, look } = watch();
    // Events from long before the reply was asked for do not count against it: the wait starts when it is owed.
    look(10_000, { heardAt: 10_000, eventsAt: 1000 }, true);
    look(29_000, { heardAt: 29_000, eventsAt: 1000 }, true);
    assert.deepEqual(told, [], 'voice keeps the path from looking stalled');
    look(30_000, { heardAt: 30_000, eventsAt: 1000 }, true);
    assert.deepEqual(told, ['lost: no event arrived for 20 s of a reply']);
  });

  it('a reply whose events keep coming, or nothing owed, is never lost for quiet events', () => {
    const { told, look } = watch();
    for (let at = 0; at <= 60_000; at += 5000) look(at, { heardAt: at, eventsAt: at - 100 }, true);
    look(200_000, { heardAt: 200_000, eventsAt: 60_000 }, false);
    assert.deepEqual(told, []);
  });

  it('a stalled call whose address is gone is lost at once, and only once', () => {
    const { told, look, lose } = watch();
    look(2500, { heardAt: 0 });
    lose('address changed');
    lose('address changed');
    look(20_000, { heardAt: 0 });
    assert.deepEqual(told, ['stalled', 'lost: address changed']);
  });
});

describe('device addresses: gone only when an address the device had is missing', () => {
  const set = (...addresses: string[]) => new Set(addresses);
  it('Wi-Fi to mobile data: the old address gone (a new one or none) is a change', () => {
    assert.equal(addressGone(set('10.78.0.2'), set('10.78.0.3')), true);
    assert.equal(addressGone(set('10.78.0.2'), set()), true);
  });
  it('an address added, or nothing known (hidden behind mDNS names), is not', () => {
    assert.equal(addressGone(set('10.78.0.2'), set('10.78.0.2', '192.168.1.4')), false);
    assert.equal(addressGone(undefined, set('10.78.0.3')), false);
    assert.equal(addressGone(set('10.78.0.2'), undefined), false);
  });
});
