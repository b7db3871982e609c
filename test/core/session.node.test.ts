import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VoiceSession } from '../../src/core/session/session.js';
import type { Transport, TransportHandlers } from '../../src/core/transport/transport.js';

type Json = Record<string, unknown>;

/**
 * A transport that speaks the protocol from a script, for cases no real service produces on demand (a response.done
 * that fails its schema). Everything else about it is as the service does it.
 */
class ScriptedTransport implements Transport {
  readonly kind = 'webrtc';
  readonly callId = 'rtc_scripted';
  readonly microphoneId = undefined;
  readonly sent: Json[] = [];
  #count = 0;

  constructor(
    private readonly on: TransportHandlers,
    private readonly answer: (event: Json, transport: ScriptedTransport) => void,
  ) {}

  connect(): Promise<void> {
    this.on.stage('channel');
    this.on.open();
    this.emit({ type: 'session.created', session: { type: 'realtime', audio: { input: { transcription: null } } } });
    return Promise.resolve();
  }
  emit(event: Json | string): void {
    this.on.message(
      typeof event === 'string' ? event : JSON.stringify({ event_id: `event_${++this.#count}`, ...event }),
    );
  }
  send(message: string): void {
    const event = JSON.parse(message) as Json;
    this.sent.push(event);
    if (event.type === 'session.update') this.emit({ type: 'session.updated', session: { type: 'realtime' } });
    else this.answer(event, this);
  }
  setMicrophoneEnabled(): void {}
  async useMicrophone(): Promise<void> {}
  readLevels() {
    return Promise.resolve({ input: 0, output: 0 });
  }
  stopPlayback() {
    return { type: 'output_audio_buffer.clear' };
  }
  voiceInterrupted() {
    return undefined;
  }
  async resumeAudio(): Promise<void> {}
  close(): void {}
}

async function live(answer: (event: Json, transport: ScriptedTransport) => void) {
  let transport: ScriptedTransport | undefined;
  const session = new VoiceSession({
    callEndpoint: '/call',
    transport: (_route, _mic, on) => (transport = new ScriptedTransport(on, answer)),
  });
  await session.start();
  assert.equal(session.state, 'live');
  return { session, transport: transport! };
}

describe('VoiceSession with a scripted transport (no browser)', () => {
  it('a response.done that fails its schema still releases the response gate', async () => {
    const errors: string[] = [];
    const { session, transport } = await live((event, t) => {
      if (event.type !== 'response.create') return;
      t.emit({ type: 'response.created', response: { id: 'resp_1', status: 'in_progress', output: [] } });
      // Its response is a string: the schema refuses it, the type alone says the response is over.
      t.emit({ type: 'response.done', response: 'not an object' });
    });
    session.addEventListener('error', (e) => errors.push(e.detail.error.code));
    session.send({ type: 'response.create' });
    session.send({ type: 'response.create' });
    await new Promise((resolve) => setTimeout(resolve));
    assert.equal(transport.sent.filter((e) => e.type === 'response.create').length, 2);
    assert.deepEqual(errors, ['server_event_invalid', 'server_event_invalid']);
    session.stop();
  });

  it('the opening session.update carries an event_id; an error naming it fails the start with session_rejected at once', async () => {
    let transport: ScriptedTransport | undefined;
    const session = new VoiceSession({
      callEndpoint: '/call',
      transport: (_route, _mic, on) =>
        (transport = new (class extends ScriptedTransport {
          override send(message: string): void {
            const event = JSON.parse(message) as Json;
            this.sent.push(event);
            this.emit({
              type: 'error',
              error: {
                type: 'invalid_request_error',
                code: 'invalid_value',
                message: "Invalid value: 'nova'.",
                param: 'session.audio.output.voice',
                event_id: event.event_id,
              },
            });
          }
        })(on, () => {})),
    });
    const failures: string[] = [];
    session.addEventListener('error', (e) => failures.push(`${e.detail.error.code}:${e.detail.error.detail}`));
    await session.start();
    assert.equal(session.state, 'failed');
    assert.match(String(transport!.sent[0].event_id), /^evt_open_/);
    assert.deepEqual(failures, ["session_rejected:Invalid value: 'nova'."]);
  });
});
