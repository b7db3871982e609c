import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { resample, rms, speak } from '../../src/stand-in/media/speech.js';
import { socketCall, type SocketAuth } from '../support/socket-caller.js';

const userText = (text: string) => ({
  type: 'conversation.item.create',
  item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
});
const pcmOf = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};

describe('stand-in over a WebSocket (/v1/realtime)', () => {
  let standIn: StandIn;
  before(async () => (standIn = await startStandIn()));
  after(() => standIn.close());

  it('takes an ephemeral key as a subprotocol and answers with the key’s session', async () => {
    const c = await socketCall(standIn, {
      kind: 'ephemeral',
      session: { model: 'gpt-realtime-2.1-mini', instructions: 'Minted here.' },
    });
    assert.equal(
      c.protocol,
      'realtime',
      'the server picks the `realtime` subprotocol, or a browser would fail the socket',
    );
    const created = await c.wait((e) => e.type === 'session.created');
    assert.equal(created.session.model, 'gpt-realtime-2.1-mini');
    assert.equal(created.session.instructions, 'Minted here.');
    c.close();
  });

  it('speaks a reply as base64 PCM16 deltas, in bursts ahead of real time, all of them before response.output_audio.done', async () => {
    const c = await socketCall(standIn);
    c.send(userText('Say something short.'));
    const arrivals: number[] = [];
    c.socket.on(
      'message',
      (data) =>
        (data as Buffer).toString().includes('"response.output_audio.delta"') && arrivals.push(performance.now()),
    );
    c.send({ type: 'response.create' });
    const done = await c.wait((e) => e.type === 'response.done');
    assert.equal(done.response.status, 'completed');
    const types = c.events.map((e) => e.type);
    assert.ok(!types.some((t) => t.startsWith('output_audio_buffer.')), 'output_audio_buffer.* is WebRTC only');
    const deltas = c.events.filter((e) => e.type === 'response.output_audio.delta');
    assert.ok(deltas.length > 5, `${deltas.length} audio deltas`);
    const last = types.lastIndexOf('response.output_audio.delta');
    assert.ok(
      last < types.indexOf('response.output_audio.done'),
      'every delta comes before response.output_audio.done',
    );
    assert.ok(types.indexOf('response.output_audio.done') < types.indexOf('response.output_audio_transcript.done'));
    const item = done.response.output[0];
    for (const delta of deltas)
      assert.deepEqual(
        [delta.item_id, delta.response_id, delta.output_index, delta.content_index],
        [item.id, done.response.id, 0, 0],
      );
    const samples = deltas.flatMap((d) => [...pcmOf(d.delta)]);
    assert.ok(rms(Int16Array.from(samples)) > 0.02, 'the deltas carry a voice, not silence');
    const audioMs = samples.length / 24;
    const span = arrivals.at(-1)! - arrivals[0];
    // Ahead of real time, as the service sends it (a client holds voice it has not played), yet not all at once.
    assert.ok(span < audioMs - 1000, `${Math.round(audioMs)} ms of audio arrived over ${Math.round(span)} ms`);
    assert.ok(
      span > (audioMs - 1000) / 8,
      `${Math.round(audioMs)} ms of audio arrived over only ${Math.round(span)} ms`,
    );
    c.close();
  });

  it('hears speech sent in input_audio_buffer.append and answers the turn', async () => {
    const c = await socketCall(standIn);
    const voice = resample(await speak('Hello there, can you hear me?'), 24000).samples;
    await c.speak(voice);
    await c.speak(new Int16Array(24 * 900));
    const committed = await c.wait((e) => e.type === 'input_audio_buffer.committed');
    const started = c.events.find((e) => e.type === 'input_audio_buffer.speech_started')!;
    assert.equal(committed.item_id, started.item_id);
    const done = await c.wait((e) => e.type === 'response.done');
    assert.equal(done.response.status, 'completed');
    c.close();
  });

  it('lets the client truncate what it played, and refuses more than it was sent', async () => {
    const c = await socketCall(standIn);
    c.send(userText('Tell me a long story please, a really long one.'));
    c.send({ type: 'response.create' });
    const first = await c.wait((e) => e.type === 'response.output_audio.delta');
    await c.wait(
      (e) =>
        e.type === 'response.output_audio.delta' &&
        e !== first &&
        c.events.filter((x) => x.type === 'response.output_audio.delta').length >= 8,
    );
    c.send({
      type: 'conversation.item.truncate',
      event_id: 'too_far',
      item_id: first.item_id,
      content_index: 0,
      audio_end_ms: 60_000,
    });
    const refused = await c.wait((e) => e.type === 'error');
    assert.deepEqual(
      [refused.error.code, refused.error.param, refused.error.event_id],
      ['invalid_value', 'audio_end_ms', 'too_far'],
    );
    c.send({ type: 'response.cancel' });
    c.send({ type: 'conversation.item.truncate', item_id: first.item_id, content_index: 0, audio_end_ms: 200 });
    const truncated = await c.wait((e) => e.type === 'conversation.item.truncated');
    assert.deepEqual([truncated.item_id, truncated.audio_end_ms], [first.item_id, 200]);
    c.send({ type: 'output_audio_buffer.clear', event_id: 'clear' });
    const clear = await c.wait((e) => e.type === 'error' && e.error.event_id === 'clear');
    assert.equal(clear.error.param, 'type', 'output_audio_buffer.clear is WebRTC only');
    c.send({ type: 'input_audio_buffer.append', event_id: 'junk', audio: 'not base64!' });
    const junk = await c.wait((e) => e.type === 'error' && e.error.event_id === 'junk');
    assert.deepEqual([junk.error.code, junk.error.param], ['invalid_value', 'audio']);
    c.close();
  });

  it('takes a standard key in the Authorization header (servers)', async () => {
    const c = await socketCall(standIn, { kind: 'header' }, '?model=gpt-realtime-2.1-mini');
    assert.equal((await c.wait((e) => e.type === 'session.created')).session.model, 'gpt-realtime-2.1-mini');
    c.close();
  });

  const refusals: [string, SocketAuth, string, number, string][] = [
    ['no key', { kind: 'protocols', protocols: ['realtime'] }, '?model=gpt-realtime-2.1', 3000, 'invalid_api_key'],
    [
      'an unknown ephemeral key',
      { kind: 'protocols', protocols: ['realtime', 'openai-insecure-api-key.ek_made_up_0123456789'] },
      '?model=gpt-realtime-2.1',
      3000,
      'invalid_api_key',
    ],
    ['no model', { kind: 'header' }, '?', 4000, 'missing_model'],
    ['an unknown model', { kind: 'header' }, '?model=gpt-4-realtime-preview', 4000, 'invalid_model'],
    ['a model other than the key’s', { kind: 'ephemeral' }, '?model=gpt-realtime-2.1-mini', 4000, 'invalid_model'],
  ];
  for (const [name, auth, query, close, code] of refusals) {
    it(`accepts the socket, then refuses ${name}: error, close ${close}`, async () => {
      const c = await socketCall(standIn, auth, query);
      const { code: closeCode, reason } = await c.closed;
      const error = c.events.find((e) => e.type === 'error')!;
      assert.deepEqual(
        [closeCode, reason, error.error.code, error.error.type],
        [close, `invalid_request_error.${code}`, code, 'invalid_request_error'],
      );
      assert.ok(!c.events.some((e) => e.type === 'session.created'));
    });
  }

  it('refuses the beta header with beta_api_shape_disabled and close 4000', async () => {
    const socket = new WebSocket(`${standIn.baseUrl.replace('http', 'ws')}/realtime?model=gpt-realtime-2.1`, {
      headers: { authorization: 'Bearer sk-test', 'openai-beta': 'realtime=v1' },
    });
    const messages: string[] = [];
    socket.on('message', (data) => messages.push((data as Buffer).toString()));
    const [code] = await new Promise<[number]>((resolve) => socket.on('close', (c) => resolve([c])));
    assert.equal(code, 4000);
    assert.equal(JSON.parse(messages[0]).error.code, 'beta_api_shape_disabled');
  });

  it('answers an upgrade to another path with 404', async () => {
    const socket = new WebSocket(`${standIn.baseUrl.replace('http', 'ws')}/realtime/calls`, ['realtime']);
    const status = await new Promise<number>((resolve) =>
      socket.on('unexpected-response', (_, response) => resolve(response.statusCode!)),
    );
    assert.equal(status, 404);
  });
});
