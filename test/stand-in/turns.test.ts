import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AudioOut } from '../../src/stand-in/media/audio-out.js';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { rms, speak, type Pcm } from '../../src/stand-in/media/speech.js';
import { call, type Event } from '../support/werift-caller.js';

const transcription = { model: 'gpt-4o-mini-transcribe' };
const silence = (ms: number): Pcm => ({ samples: new Int16Array(48 * ms), rate: 48000 });
/** Plays `pcm` into the call's microphone track in real time. */
const say = (mic: AudioOut, pcm: Pcm) =>
  mic.play(pcm, { signal: new AbortController().signal, limitMs: () => Infinity, onFrame() {} });

describe('stand-in turn detection over real WebRTC', () => {
  let standIn: StandIn;
  let voice: Pcm;
  before(async () => {
    standIn = await startStandIn();
    voice = await speak('Hello there, can you hear me?');
    // A silent recording must not pass for a voice.
    assert.ok(rms(voice.samples) > 0.03, `synthesized speech is loud enough (rms ${rms(voice.samples).toFixed(3)})`);
  });
  after(() => standIn.close());

  it('hears a spoken turn: speech events, a user item, its transcription and a spoken reply', async () => {
    const c = await call(standIn, { audio: { input: { transcription } } });
    const mic = new AudioOut(c.microphone);
    await say(mic, voice);
    await say(mic, silence(800));
    const done = await c.wait((e) => e.type === 'response.done');
    assert.equal(done.response.status, 'completed');
    const types = c.events.map((e) => e.type);
    const order = [
      'input_audio_buffer.speech_started',
      'input_audio_buffer.speech_stopped',
      'input_audio_buffer.committed',
      'response.created',
    ];
    assert.deepEqual(
      order.map((t) => types.indexOf(t)).every((i, n, all) => i >= 0 && (n === 0 || i > all[n - 1])),
      true,
      types.join(' '),
    );
    const started = c.events.find((e) => e.type === 'input_audio_buffer.speech_started')!;
    const committed = c.events.find((e) => e.type === 'input_audio_buffer.committed')!;
    assert.equal(committed.item_id, started.item_id, 'the item named at speech_started is the one committed');
    const stopped = c.events.find((e) => e.type === 'input_audio_buffer.speech_stopped')!;
    assert.ok(stopped.audio_end_ms > started.audio_start_ms);
    const transcript = await c.wait((e) => e.type === 'conversation.item.input_audio_transcription.completed');
    assert.equal(transcript.item_id, committed.item_id);
    assert.match(transcript.transcript, /stand-in heard \d\.\d s of speech/);
    // The first transcription lands after the reply began, as it often does on the real API.
    assert.ok(types.indexOf('response.created') < c.events.indexOf(transcript));
    const reply = await c.wait((e) => e.type === 'response.output_audio_transcript.done');
    assert.match(reply.transcript, /I heard you speak for \d\.\d seconds/);
    await c.wait((e) => e.type === 'output_audio_buffer.started');
    await c.close();
  });

  it('barge-in: speech during a reply cancels it (turn_detected) and clears the audio', async () => {
    const c = await call(standIn);
    const mic = new AudioOut(c.microphone);
    await say(mic, voice);
    await say(mic, silence(600));
    await c.wait((e) => e.type === 'output_audio_buffer.started');
    await say(mic, voice);
    const cancelled = await c.wait((e) => e.type === 'response.done' && e.response.status === 'cancelled');
    assert.equal(cancelled.response.status_details.reason, 'turn_detected');
    const cleared = await c.wait((e) => e.type === 'output_audio_buffer.cleared');
    assert.equal(cleared.response_id, cancelled.response.id);
    const speech = c.events.filter((e) => e.type === 'input_audio_buffer.speech_started');
    assert.equal(speech.length, 2);
    assert.ok(c.events.indexOf(speech[1]) < c.events.indexOf(cancelled));
    await c.close();
  });

  it('with turn_detection null, nothing happens until the client commits; an empty buffer is refused', async () => {
    const c = await call(standIn, { audio: { input: { turn_detection: null } } });
    c.send({ type: 'input_audio_buffer.commit', event_id: 'empty' });
    const refused = await c.wait((e: Event) => e.type === 'error');
    assert.deepEqual([refused.error.code, refused.error.event_id], ['input_audio_buffer_commit_empty', 'empty']);
    const mic = new AudioOut(c.microphone);
    await say(mic, voice);
    assert.equal(
      c.events.some((e) => e.type.startsWith('input_audio_buffer.speech')),
      false,
      'no VAD events without turn detection',
    );
    c.send({ type: 'input_audio_buffer.commit' });
    const committed = await c.wait((e) => e.type === 'input_audio_buffer.committed');
    c.send({ type: 'response.create' });
    const reply = await c.wait((e) => e.type === 'response.output_audio_transcript.done');
    assert.match(reply.transcript, /I heard you speak for [1-9]\.\d seconds/);
    assert.ok(c.events.indexOf(committed) < c.events.findIndex((e) => e.type === 'response.created'));
    await c.close();
  });

  it('idle_timeout_ms prompts the model after silence following its reply', async () => {
    const c = await call(standIn, {
      audio: { input: { turn_detection: { type: 'server_vad', idle_timeout_ms: 500 } } },
    });
    c.send({ type: 'response.create' });
    await c.wait((e) => e.type === 'output_audio_buffer.stopped');
    const mic = new AudioOut(c.microphone);
    void say(mic, silence(1500));
    await c.wait((e) => e.type === 'input_audio_buffer.timeout_triggered');
    const second = await c.wait(
      (e) => e.type === 'response.created' && c.events.filter((x) => x.type === 'response.created').length === 2,
    );
    assert.ok(second);
    await c.close();
  });
});
