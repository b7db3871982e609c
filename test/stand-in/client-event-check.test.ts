// The stand-in's check of one client message, on its own: what the service refuses, and with which error fields.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkClientEvent } from '../../src/stand-in/call/client-event-check.js';

const refusedWith = (data: string | Buffer) => {
  const checked = checkClientEvent(data);
  assert.equal(checked.ok, false, `${String(data)} was accepted`);
  return checked.ok ? undefined : checked.refused;
};

describe('the stand-in checks each client message as the service does', () => {
  it('refuses frames that are not one JSON object with a type, before reading anything else', () => {
    assert.equal(refusedWith(Buffer.from('{}'))?.code, 'invalid_event');
    assert.equal(refusedWith('{"type":')?.code, 'invalid_json');
    assert.equal(refusedWith('[{"type":"response.create"}]')?.code, 'invalid_event');
    assert.deepEqual(refusedWith('{"event_id":"e1"}'), {
      code: 'invalid_event',
      message: "The 'type' field is missing.",
      eventId: 'e1',
    });
  });

  it('names the supported types when the type is unknown, and the offending field when a field is wrong', () => {
    const unknown = checkClientEvent('{"type":"response.creat","event_id":"e2"}');
    assert.equal(unknown.type, 'response.creat', 'the type is known to the caller, for its log');
    assert.ok(!unknown.ok && unknown.refused.param === 'type' && unknown.refused.eventId === 'e2');
    assert.ok(!unknown.ok && unknown.refused.message.includes("'response.create'"));
    const truncate = refusedWith('{"type":"conversation.item.truncate","item_id":"i","content_index":0}');
    assert.equal(truncate?.param, 'audio_end_ms');
  });

  it('passes a valid event through, parsed and typed', () => {
    const checked = checkClientEvent('{"type":"input_audio_buffer.commit","event_id":"e3"}');
    assert.ok(checked.ok);
    assert.deepEqual(checked.event, { type: 'input_audio_buffer.commit', event_id: 'e3' });
    assert.deepEqual(checked.json, { type: 'input_audio_buffer.commit', event_id: 'e3' });
  });
});
