import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_HELD, ResponseSequencer } from '../../src/core/call/response-sequencer.js';
import type { ClientEvent } from '../../src/core/protocol/client-events.js';

const request = (n: number): ClientEvent => ({ type: 'response.create', event_id: `r${n}` });
function sequencer() {
  const sent: string[] = [];
  return { sent, gate: new ResponseSequencer((event) => sent.push(event.event_id!)) };
}

describe('response sequencer (no browser, no transport)', () => {
  it('sends the first request at once and holds the next until the running response is done', () => {
    const { sent, gate } = sequencer();
    gate.request(request(1));
    gate.request(request(2));
    gate.request(request(3));
    assert.deepEqual(sent, ['r1']);
    gate.created();
    gate.done();
    assert.deepEqual(sent, ['r1', 'r2']);
    gate.done();
    assert.deepEqual(sent, ['r1', 'r2', 'r3']);
    gate.done();
    assert.equal(gate.active, false);
  });

  it('holds requests while the service runs a response of its own (turn detection)', () => {
    const { sent, gate } = sequencer();
    gate.created();
    gate.request(request(1));
    assert.deepEqual(sent, []);
    gate.done();
    assert.deepEqual(sent, ['r1']);
  });

  it('puts a request refused with conversation_already_has_active_response first in line again', () => {
    const { sent, gate } = sequencer();
    gate.request(request(1));
    gate.request(request(2));
    assert.equal(gate.refused('r1', 'conversation_already_has_active_response'), true);
    assert.deepEqual(sent, ['r1']);
    gate.done();
    assert.deepEqual(sent, ['r1', 'r1']);
    gate.done();
    assert.deepEqual(sent, ['r1', 'r1', 'r2']);
  });

  it('frees the gate when the service refuses a request for any other reason', () => {
    const { sent, gate } = sequencer();
    gate.request(request(1));
    gate.request(request(2));
    assert.equal(gate.refused('r1', 'invalid_value'), true);
    assert.deepEqual(sent, ['r1', 'r2']);
    assert.equal(gate.refused('not-ours', 'invalid_value'), false);
  });

  it('is released by any response.done, even one whose fields could not be read', () => {
    const { sent, gate } = sequencer();
    gate.request(request(1));
    gate.request(request(2));
    // The session calls done() on the event's type alone when the rest of it fails validation.
    gate.done();
    assert.deepEqual(sent, ['r1', 'r2']);
  });

  it('drops held requests on clear and forgets everything on reset', () => {
    const { sent, gate } = sequencer();
    gate.request(request(1));
    gate.request(request(2));
    gate.clear();
    gate.done();
    assert.deepEqual(sent, ['r1']);
    gate.request(request(3));
    gate.reset();
    assert.equal(gate.active, false);
    gate.request(request(4));
    assert.deepEqual(sent, ['r1', 'r3', 'r4']);
  });

  it(`refuses the request after ${MAX_HELD} held ones with queue_full`, () => {
    const { gate } = sequencer();
    gate.request(request(0));
    for (let n = 1; n <= MAX_HELD; n++) gate.request(request(n));
    assert.throws(() => gate.request(request(MAX_HELD + 1)), { code: 'queue_full' });
    assert.equal(gate.held, MAX_HELD);
  });
});
