import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { call, type Event } from '../support/werift-caller.js';

const userText = (text: string) => ({
  type: 'conversation.item.create',
  item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
});
const withBase = (standIn: StandIn, fault: string) => ({
  ...standIn,
  baseUrl: standIn.baseUrl.replace(/\/v1$/, `/fault/${fault}/v1`),
});

// What the service does that a lenient imitation would get wrong (PROTOCOL.md §8): each is a way a client could pass
// its tests against the stand-in and still break against the service.
describe('stand-in fidelity', () => {
  let standIn: StandIn;
  before(async () => {
    standIn = await startStandIn();
  });
  after(() => standIn.close());

  it('session.created carries the service’s defaults', async () => {
    const c = await call(standIn);
    const { session } = c.events[0];
    assert.deepEqual(session.audio.input.turn_detection, {
      type: 'server_vad',
      threshold: 0.5,
      prefix_padding_ms: 300,
      silence_duration_ms: 200,
      idle_timeout_ms: null,
      create_response: true,
      interrupt_response: true,
    });
    assert.deepEqual(
      [
        session.audio.output.voice,
        session.audio.output.speed,
        session.max_output_tokens,
        session.truncation,
        session.include,
        session.tracing,
        session.prompt,
      ],
      ['alloy', 1, 'inf', 'auto', null, null, null],
    );
    assert.ok(session.expires_at * 1000 - Date.now() > 59 * 60_000, 'the session ends 60 minutes on');
    await c.close();
  });

  it('content parts are audio/text, deltas carry obfuscation, and usage follows the service’s shape', async () => {
    const c = await call(standIn);
    c.send(userText('Say hello'));
    c.send({ type: 'response.create' });
    const done = await c.wait((e) => e.type === 'response.done');
    const part = c.events.find((e) => e.type === 'response.content_part.added')!;
    assert.deepEqual(part.part, { type: 'audio', transcript: '' });
    const delta = c.events.find((e) => e.type === 'response.output_audio_transcript.delta')!;
    assert.equal(typeof delta.obfuscation, 'string');
    assert.equal(done.response.output[0].content[0].type, 'output_audio');
    const usage = done.response.usage;
    assert.ok(
      usage.total_tokens > 0 &&
        usage.output_token_details.audio_tokens > 0 &&
        typeof usage.input_token_details.cached_tokens_details === 'object',
    );
    const limits = await c.wait((e) => e.type === 'rate_limits.updated');
    assert.deepEqual(
      limits.rate_limits.map((l: { name: string }) => l.name),
      ['requests', 'tokens'],
    );
    await c.close();
  });

  it('response.cancel stops generation only: the item ends with its partial transcript, the audio plays on until cleared, then is truncated to what was heard', async () => {
    const c = await call(standIn);
    c.send(userText('Tell me a long story about the sea and the sky and the stars and the moon.'));
    c.send({ type: 'response.create' });
    await c.wait((e) => e.type === 'output_audio_buffer.started');
    await c.wait(
      (e) =>
        e.type === 'response.output_audio_transcript.delta' &&
        c.events.filter((x) => x.type === 'response.output_audio_transcript.delta').length === 4,
    );
    c.send({ type: 'response.cancel' });
    const done = await c.wait((e) => e.type === 'response.done');
    assert.equal(done.response.status, 'cancelled');
    const transcriptDone = c.events.find((e) => e.type === 'response.output_audio_transcript.done')!;
    const partDone = c.events.find((e) => e.type === 'response.content_part.done')!;
    assert.equal(partDone.part.transcript, transcriptDone.transcript);
    assert.ok(transcriptDone.transcript.length > 0, 'the partial transcript');
    assert.ok(
      !c.events.some((e) => e.type === 'output_audio_buffer.cleared' || e.type === 'output_audio_buffer.stopped'),
      'the voice still plays',
    );
    c.send({ type: 'output_audio_buffer.clear' });
    const truncated = await c.wait((e) => e.type === 'conversation.item.truncated');
    assert.ok(c.events.some((e) => e.type === 'output_audio_buffer.cleared'));
    assert.equal(truncated.item_id, transcriptDone.item_id);
    assert.ok(truncated.audio_end_ms > 0);
    c.send({ type: 'conversation.item.retrieve', item_id: truncated.item_id, event_id: 'r1' });
    const retrieved = await c.wait((e) => e.type === 'conversation.item.retrieved');
    const heard = retrieved.item.content[0].transcript as string;
    assert.ok(
      heard.length < transcriptDone.transcript.length && transcriptDone.transcript.startsWith(heard),
      `${heard} | ${transcriptDone.transcript}`,
    );
    await c.close();
  });

  it('conversation.item.truncate works over WebRTC too, and refuses a cut past the audio', async () => {
    const c = await call(standIn);
    c.send(userText('Say hello'));
    c.send({ type: 'response.create' });
    const added = await c.wait((e) => e.type === 'response.output_item.added');
    await c.wait((e) => e.type === 'output_audio_buffer.started');
    c.send({
      type: 'conversation.item.truncate',
      item_id: added.item.id,
      content_index: 0,
      audio_end_ms: 600_000,
      event_id: 'too-far',
    });
    const refused = await c.wait((e) => e.type === 'error');
    assert.deepEqual([refused.error.code, refused.error.event_id], ['invalid_value', 'too-far']);
    c.send({ type: 'conversation.item.truncate', item_id: added.item.id, content_index: 0, audio_end_ms: 200 });
    const truncated = await c.wait((e) => e.type === 'conversation.item.truncated');
    assert.equal(truncated.audio_end_ms, 200);
    await c.close();
  });

  it('session.update replaces nested objects whole and refuses a bad update entirely, naming it', async () => {
    const c = await call(standIn, {
      audio: { input: { transcription: { model: 'gpt-4o-transcribe', language: 'ja', prompt: 'names' } } },
    });
    c.send({
      type: 'session.update',
      event_id: 'partial',
      session: {
        type: 'realtime',
        audio: {
          input: { transcription: { model: 'whisper-1' }, turn_detection: { type: 'server_vad', threshold: 0.9 } },
        },
      },
    });
    const updated = await c.wait((e) => e.type === 'session.updated');
    assert.deepEqual(updated.session.audio.input.transcription, { model: 'whisper-1' }, 'language and prompt are gone');
    assert.equal(updated.session.audio.input.turn_detection.silence_duration_ms, 200, 'tuning back at its default');
    for (const [id, session, code, param] of [
      [
        'voice',
        { type: 'realtime', instructions: 'not applied', audio: { output: { voice: 'nova' } } },
        'invalid_value',
        'session.audio.output.voice',
      ],
      [
        'field',
        { type: 'realtime', instructions: 'not applied', temperature: 0.8 },
        'unknown_parameter',
        'session.temperature',
      ],
      [
        'kind',
        { type: 'realtime', audio: { input: { turn_detection: { type: 'semantic_vad', threshold: 0.5 } } } },
        'unknown_parameter',
        'session.audio.input.turn_detection.threshold',
      ],
      [
        'rate',
        { type: 'realtime', audio: { input: { format: { type: 'audio/pcm', rate: 16000 } } } },
        'integer_below_min_value',
        'session.audio.input.format.rate',
      ],
    ] as const) {
      c.send({ type: 'session.update', event_id: id, session });
      const error = await c.wait((e) => e.type === 'error' && e.error.event_id === id);
      assert.deepEqual([error.error.code, error.error.param], [code, param], id);
    }
    c.send({ type: 'session.update', session: { type: 'realtime' } });
    const after = await c.wait((e) => e.type === 'session.updated' && e !== updated);
    assert.notEqual(after.session.instructions, 'not applied');
    await c.close();
  });

  it('accepts every valid GA field', async () => {
    const c = await call(standIn);
    const session = {
      type: 'realtime',
      reasoning: { effort: 'low' },
      parallel_tool_calls: false,
      max_output_tokens: 1024,
      truncation: { type: 'retention_ratio', retention_ratio: 0.8 },
      include: ['item.input_audio_transcription.logprobs'],
      prompt: { id: 'pmpt_123', version: '2' },
      tracing: { workflow_name: 'support' },
      audio: {
        input: { noise_reduction: { type: 'near_field' } },
        output: { voice: { id: 'voice_custom_1' }, speed: 1.2 },
      },
    };
    c.send({ type: 'session.update', event_id: 'ga', session });
    const updated = await c.wait((e) => e.type === 'session.updated' || e.type === 'error');
    assert.equal(updated.type, 'session.updated', JSON.stringify(updated.error));
    assert.deepEqual(updated.session.audio.output.voice, { id: 'voice_custom_1' });
    await c.close();
  });

  it('an unknown previous_item_id is an error, not an append; binary, non-JSON and unknown events are refused as the service refuses them', async () => {
    const c = await call(standIn);
    c.send({ ...userText('hi'), previous_item_id: 'item_nope', event_id: 'prev' });
    const missing = await c.wait((e) => e.type === 'error' && e.error.event_id === 'prev');
    assert.deepEqual([missing.error.code, missing.error.param], ['item_not_found', 'previous_item_id']);
    assert.ok(!c.events.some((e) => e.type === 'conversation.item.added'));
    c.channel.send(Buffer.from([1, 2, 3]));
    const binary = await c.wait((e) => e.type === 'error' && e.error.code === 'invalid_event');
    assert.equal(binary.error.event_id, null);
    c.channel.send('{not json');
    await c.wait((e) => e.type === 'error' && e.error.code === 'invalid_json');
    c.send({ type: 'response.make', event_id: 'typo' });
    const typo = await c.wait((e) => e.type === 'error' && e.error.event_id === 'typo');
    assert.deepEqual([typo.error.code, typo.error.param], ['invalid_value', 'type']);
    c.send({ type: 'response.create', event_id: 'odd', response: { temperature: 1 } });
    const odd = await c.wait((e) => e.type === 'error' && e.error.event_id === 'odd');
    assert.deepEqual([odd.error.code, odd.error.param], ['unknown_parameter', 'response.temperature']);
    await c.close();
  });

  it('scenario response-failed: response.done failed with the quota error in status_details', async () => {
    const c = await call(withBase(standIn, 'response-failed'));
    c.send({ type: 'response.create' });
    const done = await c.wait((e) => e.type === 'response.done');
    assert.deepEqual([done.response.status, done.response.status_details.error.code], ['failed', 'insufficient_quota']);
    await c.close();
  });

  it('scenario response-incomplete (and a session max_output_tokens): the reply stops, incomplete, max_output_tokens', async () => {
    const c = await call(withBase(standIn, 'response-incomplete'), { output_modalities: ['text'] });
    c.send(userText('Tell me everything about everything, at length.'));
    c.send({ type: 'response.create' });
    const done = await c.wait((e) => e.type === 'response.done');
    assert.deepEqual(
      [done.response.status, done.response.status_details.reason, done.response.output[0].status],
      ['incomplete', 'max_output_tokens', 'incomplete'],
    );
    await c.close();
  });

  it('scenario session-update-rejected: the first update is refused naming its event_id, nothing applied', async () => {
    const c = await call(withBase(standIn, 'session-update-rejected'));
    c.send({ type: 'session.update', event_id: 'first', session: { type: 'realtime', instructions: 'x' } });
    const error = await c.wait((e) => e.type === 'error');
    assert.equal(error.error.event_id, 'first');
    assert.ok(!c.events.some((e: Event) => e.type === 'session.updated'));
    await c.close();
  });

  it('scenario mcp: tools listed, a message naming the tool asks approval, the approved call runs and is answered', async () => {
    const c = await call(withBase(standIn, 'mcp'), { output_modalities: ['text'] });
    const listed = await c.wait((e) => e.type === 'mcp_list_tools.completed');
    const list = await c.wait((e) => e.type === 'conversation.item.done' && e.item.id === listed.item_id);
    assert.equal(list.item.tools[0].name, 'search_docs');
    c.send(userText('Please use search_docs for pricing'));
    c.send({ type: 'response.create' });
    const request = await c.wait(
      (e) => e.type === 'response.output_item.done' && e.item.type === 'mcp_approval_request',
    );
    await c.wait((e) => e.type === 'response.done');
    c.send({
      type: 'conversation.item.create',
      item: { type: 'mcp_approval_response', approval_request_id: request.item.id, approve: true },
    });
    c.send({ type: 'response.create' });
    const completed = await c.wait((e) => e.type === 'response.mcp_call.completed');
    const mcpCall = await c.wait((e) => e.type === 'response.output_item.done' && e.item.id === completed.item_id);
    assert.deepEqual(
      [mcpCall.item.type, mcpCall.item.approval_request_id, typeof mcpCall.item.output],
      ['mcp_call', request.item.id, 'string'],
    );
    const reply = await c.wait((e) => e.type === 'response.output_text.done');
    assert.match(reply.text, /search_docs returned/);
    await c.close();
  });
});

describe('stand-in as a test double', () => {
  it('frees the keys it minted once they expire', async () => {
    const standIn = await startStandIn();
    const mint = (seconds: number) =>
      fetch(`${standIn.baseUrl}/realtime/client_secrets`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-any-key-works', 'content-type': 'application/json' },
        body: JSON.stringify({ expires_after: { anchor: 'created_at', seconds } }),
      });
    assert.equal((await mint(10)).status, 200);
    assert.equal(standIn.liveKeys, 1);
    const realNow = Date.now;
    Date.now = () => realNow() + 11_000;
    try {
      assert.equal(standIn.liveKeys, 0);
    } finally {
      Date.now = realNow;
      await standIn.close();
    }
  });

  it('binds loopback only, checked on the address it actually bound', async () => {
    await assert.rejects(startStandIn({ host: '0.0.0.0' }), /loopback addresses only/);
    const localhost = await startStandIn({ host: 'localhost' });
    assert.match(localhost.baseUrl, /^http:\/\/(127\.0\.0\.1|\[::1\]):\d+\/v1$/);
    await localhost.close();
  });
});
