import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { call } from '../support/werift-caller.js';

const userText = (text: string) => ({
  type: 'conversation.item.create',
  item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
});

describe('stand-in protocol over real WebRTC', () => {
  let standIn: StandIn;
  before(async () => {
    standIn = await startStandIn();
  });
  after(() => standIn.close());

  it('answers a typed message with the full GA event sequence, in order', async () => {
    const c = await call(standIn, { output_modalities: ['text'] });
    c.send(userText('What time is it?'));
    c.send({ type: 'response.create' });
    await c.wait((e) => e.type === 'rate_limits.updated');
    const types = c.events.map((e) => e.type).filter((t) => !t.endsWith('.delta'));
    assert.deepEqual(types, [
      'session.created',
      'conversation.item.added',
      'conversation.item.done',
      'response.created',
      'response.output_item.added',
      'conversation.item.added',
      'response.content_part.added',
      'response.output_text.done',
      'response.content_part.done',
      'conversation.item.done',
      'response.output_item.done',
      'response.done',
      'rate_limits.updated',
    ]);
    const deltas = c.events
      .filter((e) => e.type === 'response.output_text.delta')
      .map((e) => e.delta)
      .join('');
    const done = c.events.find((e) => e.type === 'response.done')!;
    assert.equal(done.response.status, 'completed');
    assert.equal(deltas, done.response.output[0].content[0].text);
    assert.match(deltas, /stand-in.*What time is it\?/);
    // previous_item_id chains the assistant's reply to the user's message.
    const [user, assistant] = c.events.filter((e) => e.type === 'conversation.item.added');
    assert.equal(assistant.previous_item_id, user.item.id);
    await c.close();
  });

  it('takes a multipart offer with an ephemeral key: its session part applies over the key’s session', async () => {
    const baseUrl = standIn.baseUrl;
    const secret = await fetch(`${baseUrl}/realtime/client_secrets`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-protocol', 'content-type': 'application/json' },
      body: JSON.stringify({
        session: { type: 'realtime', instructions: 'From the key.', output_modalities: ['text'] },
      }),
    }).then((r) => r.json());
    const post = (key: string) => async (offer: string) => {
      const form = new FormData();
      form.set('sdp', offer);
      form.set('session', JSON.stringify({ type: 'realtime', audio: { output: { voice: 'marin' } } }));
      return fetch(`${baseUrl}/realtime/calls`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
        body: form,
      });
    };
    const refused = await post('ek_not_minted_here')('v=0');
    assert.equal(refused.status, 401);
    assert.equal((await refused.json()).error.code, 'invalid_api_key');
    const c = await call(standIn, {}, post(secret.value));
    const { session } = c.events.find((e) => e.type === 'session.created')!;
    assert.deepEqual(
      [session.instructions, session.output_modalities, session.audio.output.voice],
      ['From the key.', ['text'], 'marin'],
    );
    await c.close();
  });

  it('takes response.create’s reasoning and parallel_tool_calls, as OpenAI’s types allow them', async () => {
    const c = await call(standIn, { output_modalities: ['text'] });
    c.send(userText('Think hard.'));
    c.send({ type: 'response.create', response: { reasoning: { effort: 'low' }, parallel_tool_calls: false } });
    const done = await c.wait((e) => e.type === 'response.done' || e.type === 'error');
    assert.equal(done.type, 'response.done', JSON.stringify(done));
    await c.close();
  });

  it('refuses a second response.create while one is active, with the real error, echoing event_id', async () => {
    const c = await call(standIn, { output_modalities: ['text'] });
    c.send({ type: 'response.create', event_id: 'first' });
    c.send({ type: 'response.create', event_id: 'second' });
    const error = await c.wait((e) => e.type === 'error');
    assert.equal(error.error.code, 'conversation_already_has_active_response');
    assert.equal(error.error.event_id, 'second');
    await c.wait((e) => e.type === 'response.done');
    await c.close();
  });

  it('rejects beta and unknown session fields the way the real API does', async () => {
    const c = await call(standIn);
    c.send({ type: 'session.update', event_id: 'u1', session: { type: 'realtime', input_audio_format: 'pcm16' } });
    const error = await c.wait((e) => e.type === 'error');
    assert.deepEqual(
      [error.error.code, error.error.param, error.error.event_id],
      ['unknown_parameter', 'session.input_audio_format', 'u1'],
    );
    c.send({ type: 'session.update', session: { instructions: 'no type' } });
    const missing = await c.wait((e) => e.type === 'error' && e.error.code === 'missing_required_parameter');
    assert.equal(missing.error.param, 'session.type');
    c.send({ type: 'session.update', session: { type: 'realtime', audio: { output: { voice: 'verse' } } } });
    const updated = await c.wait((e) => e.type === 'session.updated');
    assert.equal(updated.session.audio.output.voice, 'verse');
    await c.close();
  });

  it('calls a configured tool when a message names it, then continues after function_call_output', async () => {
    const tool = {
      type: 'function',
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
        required: ['city'],
      },
    };
    const c = await call(standIn, { output_modalities: ['text'], tools: [tool] });
    c.send(userText('Please use get_weather for Tokyo'));
    c.send({ type: 'response.create' });
    const args = await c.wait((e) => e.type === 'response.function_call_arguments.done');
    assert.equal(args.name, 'get_weather');
    assert.deepEqual(JSON.parse(args.arguments), { city: 'stand-in', unit: 'celsius' });
    const first = await c.wait((e) => e.type === 'response.done');
    assert.equal(first.response.output[0].type, 'function_call');
    c.send({
      type: 'conversation.item.create',
      item: { type: 'function_call_output', call_id: args.call_id, output: '{"temp":21}' },
    });
    c.send({ type: 'response.create' });
    const reply = await c.wait((e) => e.type === 'response.output_text.done');
    assert.match(reply.text, /get_weather returned: \{"temp":21\}/);
    await c.close();
  });

  it('cancels an active response on response.cancel (client_cancelled) and keeps what was streamed', async () => {
    const c = await call(standIn, { output_modalities: ['text'] });
    c.send(userText('Tell me a long story about the sea and the sky and the stars.'));
    c.send({ type: 'response.create' });
    await c.wait((e) => e.type === 'response.output_text.delta');
    c.send({ type: 'response.cancel' });
    const done = await c.wait((e) => e.type === 'response.done');
    assert.equal(done.response.status, 'cancelled');
    assert.equal(done.response.status_details.reason, 'client_cancelled');
    assert.equal(done.response.output[0].status, 'incomplete');
    c.send({ type: 'response.cancel', event_id: 'late' });
    const error = await c.wait((e) => e.type === 'error');
    assert.equal(error.error.event_id, 'late');
    await c.close();
  });

  it('speaks audio replies on the track and reports what it heard', async () => {
    const c = await call(standIn);
    c.send(userText('Say hello'));
    c.send({ type: 'response.create' });
    const started = await c.wait((e) => e.type === 'output_audio_buffer.started');
    const stopped = await c.wait((e) => e.type === 'output_audio_buffer.stopped');
    assert.equal(stopped.response_id, started.response_id);
    const types = c.events.map((e) => e.type);
    assert.ok(
      types.indexOf('response.done') < types.indexOf('output_audio_buffer.stopped'),
      'playback ends after the response is done',
    );
    const report = await fetch(`${standIn.baseUrl}/stand-in/calls/${c.callId}`).then((r) => r.json());
    assert.deepEqual(report.received, ['conversation.item.create', 'response.create']);
    await c.close();
  });
});
