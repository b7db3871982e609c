import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TurnClock } from '../../src/core/session/turn-clock.js';

// The turn's time ends when the audio thread heard the voice pass the threshold, not when the page got the message.
describe('the turn clock', () => {
  it('ends a turn at the moment the level meter heard the voice, however late its message arrives', () => {
    const clock = new TurnClock();
    clock.start('text');
    const started = performance.now();
    assert.equal(clock.level(0, undefined), undefined, 'silence does not end it');
    const turn = clock.level(0.2, started + 123);
    assert.equal(turn?.trigger, 'text');
    assert.equal(turn?.ms, 123);
    assert.equal(clock.running, false);
  });

  it('does not take the last reply’s tail, heard before the turn ended, for its answer', () => {
    const clock = new TurnClock();
    const before = performance.now() - 50;
    clock.start('speech');
    assert.equal(clock.level(0.2, before), undefined);
    assert.equal(clock.running, true, 'still waiting for the answer');
  });

  it('without a time from the meter, takes the moment a loud level is read', () => {
    const clock = new TurnClock();
    clock.start('speech');
    assert.equal(clock.level(0.005), undefined, 'below the threshold');
    assert.ok((clock.level(0.3)?.ms ?? -1) >= 0);
  });
});
