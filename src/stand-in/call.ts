import type { RTCDataChannel, RTCPeerConnection } from 'werift';
import { AudioIn, VOICE_THRESHOLD, type HeardReport } from './audio-in.js';
import { AudioOut } from './audio-out.js';
import { newId } from './ids.js';
import { CALL_FAULTS, fuzzMessages, HOSTILE_MARKUP, hostileMessages, type Fault } from './faults.js';
import { answerOffer, blackout } from './peer.js';
import { reply, sampleFor, toolNamedIn } from './responder.js';
import { applySessionUpdate, ConfigError, type SessionConfig } from './session-config.js';
import { speak, type Pcm } from './speech.js';
import { TurnDetector, type TurnDetection } from './turn-detector.js';

type Json = Record<string, unknown>;
/** A conversation item in the API's shape (`object: "realtime.item"`). */
type Item = Json & { id: string; type: string; status: string; role?: string; content?: Json[]; name?: string; call_id?: string; arguments?: string; output?: string };

interface Running {
  id: string;
  abort: AbortController;
  reason: string;
  requestedAt: number;
}

// A late transcription lands this long after the reply was due to start.
const TRANSCRIPTION_LAG_MS = 400;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

interface StreamPlan {
  deltas: number;
  rate: number;
  burstRate: number;
  burstEvery: number;
  burstMs: number;
}

/** `response.metadata` (string values, as the API requires) can ask the stand-in for a delta stream of a given rate. */
function streamPlan(metadata: unknown): StreamPlan | undefined {
  const m = (metadata ?? {}) as Record<string, unknown>;
  const deltas = Number(m.stand_in_deltas);
  if (!Number.isInteger(deltas) || deltas <= 0) return undefined;
  const num = (key: string, fallback: number) => (Number.isFinite(Number(m[key])) && Number(m[key]) > 0 ? Number(m[key]) : fallback);
  return { deltas: Math.min(deltas, 100_000), rate: num('stand_in_rate', 100), burstRate: num('stand_in_burst_rate', 200), burstEvery: num('stand_in_burst_every_ms', 0), burstMs: num('stand_in_burst_ms', 0) };
}

/** Words with their trailing space, the way transcript deltas arrive. */
const chunks = (text: string) => text.match(/\S+\s*/g) ?? [];

/** A 440 Hz tone, only when text-to-speech fails: the track must still carry audio. */
const tone = (ms: number): Pcm => {
  const samples = new Int16Array(Math.round(48 * ms));
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(6000 * Math.sin((2 * Math.PI * 440 * i) / 48000));
  return { samples, rate: 48000 };
};

/**
 * One call on the stand-in: a real WebRTC peer plus the Realtime event protocol on `oai-events` — session.created on
 * open, session.update validated like the real API, items, scripted responses spoken on the audio track with the GA
 * event sequence, function calls, cancellation, and the real error events.
 */
export class RealtimeCall {
  readonly id = newId('rtc');
  readonly created = Date.now();
  #pc: RTCPeerConnection;
  #out: AudioOut;
  #in: AudioIn;
  #channel: RTCDataChannel | undefined;
  #session: SessionConfig;
  #items: Item[] = [];
  #response: Running | undefined;
  #playback: { responseId: string; abort: AbortController } | undefined;
  #audioStarted = false;
  #closed = false;
  #conversationId = newId('conv');
  #onClose: () => void;
  readonly answerSdp: string;
  /** Every client event type received, in order (for tests and the demo's diagnostics). */
  readonly received: string[] = [];

  static async open(offerSdp: string, session: SessionConfig, host: string, replyDelay: number, onClose: () => void, fault?: Fault, key?: string, tag = ''): Promise<RealtimeCall> {
    let call: RealtimeCall | undefined;
    const audioIn = new AudioIn((level, ms) => call && call.#hear(level, ms));
    const peer = await answerOffer(offerSdp, host, (payload) => audioIn.receive(payload));
    call = new RealtimeCall(peer, session, audioIn, replyDelay, onClose);
    call.#fault = fault;
    call.#key = key;
    call.#tag = tag;
    return call;
  }

  /** A failure a test asked for (see faults.ts); it strikes once the session is live. */
  #fault: Fault | undefined;
  #faultStruck = false;
  /** The key the call was opened with: only the `leaky` fault ever says it. */
  #key: string | undefined;
  /** The fault's tag (seeds the fuzz). */
  #tag = '';

  /** Ends every timer of the call (transcriptions, idle timeout) when it closes. */
  #life = new AbortController();
  #detector: TurnDetector | undefined;
  /** Audio since the input buffer was last committed or cleared. */
  #buffer = { ms: 0, voicedMs: 0 };
  /** The user item the current utterance will become (the API names it at speech_started). */
  #speechItemId: string | undefined;
  #audioClockMs = 0;
  #turns = 0;
  /** How much speech each committed user item held, for the stand-in's spoken answer. */
  #heardMs = new Map<string, number>();
  #idle: AbortController | undefined;

  /** Per spoken reply, in epoch ms: when `response.create` arrived and when its first audio packet left. */
  readonly replyTimes: { requestedAt: number; firstPacketAt: number }[] = [];
  #replyDelay: number;

  private constructor(peer: Awaited<ReturnType<typeof answerOffer>>, session: SessionConfig, audioIn: AudioIn, replyDelay: number, onClose: () => void) {
    this.#replyDelay = replyDelay;
    this.#pc = peer.pc;
    this.answerSdp = peer.answerSdp;
    this.#out = new AudioOut(peer.speaker);
    this.#in = audioIn;
    this.#session = session;
    this.#onClose = onClose;
    this.#configureTurns();
    peer.pc.connectionStateChange.subscribe((state) => {
      if (state === 'closed' || state === 'failed') void this.close();
    });
    void peer.channel.then((channel) => this.#attach(channel));
  }

  /** What the stand-in heard on the microphone and how the call stands. */
  report(): { id: string; heard: HeardReport; closed: boolean; received: string[]; items: number; replyTimes: { requestedAt: number; firstPacketAt: number }[]; session: SessionConfig } {
    return {
      id: this.id,
      heard: { ...this.#in.report },
      closed: this.#closed,
      received: this.received.slice(-200),
      items: this.#items.length,
      replyTimes: [...this.replyTimes],
      session: this.#session,
    };
  }

  /** Ends the call; resolves once the peer connection has closed. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#life.abort();
    this.#idle?.abort();
    this.#response?.abort.abort();
    this.#playback?.abort.abort();
    const closed = this.#pc.close();
    this.#out.close();
    this.#in.close();
    this.#onClose();
    return closed;
  }

  #attach(channel: RTCDataChannel): void {
    if (this.#closed) return;
    this.#channel = channel;
    channel.onMessage.subscribe((data) => this.#handle(data));
    // The client closing the channel ends the call; the `channel-close` fault closes it from this side and leaves the peer up.
    channel.stateChanged.subscribe((state) => state === 'closed' && this.#fault !== 'channel-close' && void this.close());
    this.#send({ type: 'session.created', session: this.#session });
  }

  #send(event: Json): void {
    if (this.#closed || this.#channel?.readyState !== 'open') return;
    this.#channel.send(JSON.stringify({ event_id: newId('event'), ...event }));
  }

  #error(code: string, message: string, eventId: unknown, param: string | null = null, type = 'invalid_request_error'): void {
    this.#send({ type: 'error', error: { type, code, message, param, event_id: typeof eventId === 'string' ? eventId : null } });
  }

  #handle(data: string | Buffer): void {
    let event: Json;
    try {
      if (typeof data !== 'string') throw new Error('binary');
      event = JSON.parse(data) as Json;
      if (typeof event !== 'object' || event === null || typeof event.type !== 'string') throw new Error('no type');
    } catch {
      return this.#error('invalid_json', 'The server could not parse the event: expected a JSON object with a type.', null);
    }
    this.received.push(event.type as string);
    const eventId = event.event_id;
    switch (event.type) {
      case 'session.update':
        try {
          this.#session = applySessionUpdate(this.#session, event.session, { live: true, audioStarted: this.#audioStarted });
          this.#configureTurns();
          this.#send({ type: 'session.updated', session: this.#session });
          this.#strike();
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          this.#error(e.code, e.message, eventId, e.param);
        }
        return;
      case 'conversation.item.create':
        return this.#createItem(event);
      case 'conversation.item.delete': {
        const index = this.#items.findIndex((item) => item.id === event.item_id);
        if (index < 0) return this.#error('item_not_found', `Item with item_id not found: ${String(event.item_id)}`, eventId, 'item_id');
        this.#items.splice(index, 1);
        return this.#send({ type: 'conversation.item.deleted', item_id: event.item_id });
      }
      case 'conversation.item.retrieve': {
        const item = this.#items.find((i) => i.id === event.item_id);
        if (!item) return this.#error('item_not_found', `Item with item_id not found: ${String(event.item_id)}`, eventId, 'item_id');
        return this.#send({ type: 'conversation.item.retrieved', item });
      }
      case 'response.create':
        if (this.#response) {
          return this.#error(
            'conversation_already_has_active_response',
            `Conversation already has an active response in progress: ${this.#response.id}. Wait until the response is finished before creating a new one.`,
            eventId,
          );
        }
        void this.#respond((event.response ?? {}) as Json);
        return;
      case 'response.cancel':
        if (!this.#response) return this.#error('response_cancel_not_active', 'Cancellation failed: no active response found.', eventId);
        this.#response.reason = 'client_cancelled';
        this.#response.abort.abort();
        return;
      case 'output_audio_buffer.clear':
        return this.#clearPlayback();
      case 'input_audio_buffer.clear':
        this.#buffer = { ms: 0, voicedMs: 0 };
        return this.#send({ type: 'input_audio_buffer.cleared' });
      case 'input_audio_buffer.commit':
        if (this.#buffer.ms < 100) {
          return this.#error('input_audio_buffer_commit_empty', `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${Math.round(this.#buffer.ms)}ms of audio.`, eventId);
        }
        this.#commit(this.#speechItemId ?? newId('item'));
        return;
      case 'input_audio_buffer.append':
      case 'conversation.item.truncate':
        return this.#error('unsupported_over_webrtc', `The stand-in does not implement ${event.type} over WebRTC.`, eventId);
      default:
        return this.#error('invalid_value', `Invalid value: '${event.type}'. Supported values are the 11 client event types.`, eventId, 'type');
    }
  }

  #createItem(event: Json): void {
    const item = event.item as Item | undefined;
    const types = ['message', 'function_call', 'function_call_output'];
    if (!item || typeof item !== 'object' || !types.includes(item.type)) {
      return this.#error('invalid_value', "Invalid value for 'item.type'.", event.event_id, 'item.type');
    }
    if (item.type === 'message' && (!['user', 'assistant', 'system'].includes(item.role ?? '') || !Array.isArray(item.content))) {
      return this.#error('invalid_value', 'A message item needs a role and a content array.', event.event_id, 'item');
    }
    if (item.type === 'function_call_output' && (typeof item.call_id !== 'string' || typeof item.output !== 'string')) {
      return this.#error('missing_required_parameter', 'A function_call_output needs call_id and output strings.', event.event_id, 'item.call_id');
    }
    const full: Item = { ...item, id: typeof item.id === 'string' ? item.id : newId('item'), object: 'realtime.item', status: 'completed' };
    const previous = this.#insert(full, event.previous_item_id);
    this.#send({ type: 'conversation.item.added', previous_item_id: previous, item: full });
    this.#send({ type: 'conversation.item.done', previous_item_id: previous, item: full });
  }

  /** Adds an item after `after` (or last); returns the id it follows. */
  #insert(item: Item, after?: unknown): string | null {
    const index = typeof after === 'string' ? this.#items.findIndex((i) => i.id === after) : -1;
    const position = after === 'root' ? 0 : index >= 0 ? index + 1 : this.#items.length;
    this.#items.splice(position, 0, item);
    return this.#items[position - 1]?.id ?? null;
  }

  get #turnDetection(): TurnDetection | null {
    return (this.#session.audio.input.turn_detection as TurnDetection | null | undefined) ?? null;
  }

  /** The asked-for failure, once, after the first session.updated. */
  #strike(): void {
    const plan = this.#fault && CALL_FAULTS[this.#fault];
    if (!plan || this.#faultStruck) return;
    this.#faultStruck = true;
    void sleep(plan.afterMs, this.#life.signal).then(() => {
      if (this.#closed) return;
      switch (this.#fault) {
        case 'drop':
        case 'drop-once':
          return void this.close();
        case 'blip':
          return blackout(this.#pc, 8000);
        case 'channel-close':
          return this.#channel?.close();
        case 'hostile':
          for (const message of hostileMessages()) this.#channel?.send(message);
          return;
        case 'error-event':
          return this.#error('stand_in_fault', 'A test asked the stand-in for this error (fault error-event).', null, null, 'server_error');
        case 'fuzz':
          // Paced: werift's SCTP drops messages from a long unpaced burst.
          return void (async () => {
            for (const message of fuzzMessages(this.#tag)) {
              if (this.#closed) return;
              this.#channel?.send(message);
              await sleep(4, this.#life.signal);
            }
            this.#send({ type: 'stand_in.fuzz_done' });
          })();
        case 'leaky':
          this.#error('invalid_api_key', `Incorrect API key provided: ${this.#key}.`, null);
          return this.#send({ type: 'stand_in.echo', authorization: `Bearer ${this.#key}` });
        case 'xss': {
          this.#error('stand_in_fault', `Bad input ${HOSTILE_MARKUP}`, null, null, 'server_error');
          this.#send({ type: HOSTILE_MARKUP, detail: HOSTILE_MARKUP });
          const item: Item = { id: newId('item'), object: 'realtime.item', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: HOSTILE_MARKUP }] };
          return this.#send({ type: 'conversation.item.added', previous_item_id: this.#insert(item), item });
        }
        case 'session-cap':
        case 'session-cap-once':
          this.#error('session_expired', 'Your session hit the maximum duration of 60 minutes.', null);
          // The real API hangs up right after saying so.
          return void sleep(200, this.#life.signal).then(() => this.close());
      }
    });
  }

  #configureTurns(): void {
    const config = this.#turnDetection;
    if (!config) this.#detector = undefined;
    else if (this.#detector) this.#detector.configure(config);
    else {
      this.#detector = new TurnDetector(config, {
        speechStarted: (ms) => this.#speechStarted(ms),
        speechStopped: (ms) => this.#speechStopped(ms),
      });
    }
  }

  /** One decoded 20 ms frame of the caller's microphone. */
  #hear(level: number, ms: number): void {
    if (this.#closed) return;
    this.#audioClockMs += ms;
    this.#buffer.ms += ms;
    if (level > VOICE_THRESHOLD) this.#buffer.voicedMs += ms;
    this.#detector?.frame(level, ms);
  }

  #speechStarted(audioStartMs: number): void {
    this.#idle?.abort();
    this.#speechItemId = newId('item');
    this.#send({ type: 'input_audio_buffer.speech_started', audio_start_ms: audioStartMs, item_id: this.#speechItemId });
    if (this.#turnDetection?.interrupt_response === false) return;
    // Barge-in: the caller talks over the reply, so it stops, and what was not yet heard is dropped.
    if (this.#response) {
      this.#response.reason = 'turn_detected';
      this.#response.abort.abort();
    }
    this.#clearPlayback();
  }

  #speechStopped(audioEndMs: number): void {
    const itemId = this.#speechItemId ?? newId('item');
    this.#send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: audioEndMs, item_id: itemId });
    this.#commit(itemId);
    if (this.#turnDetection?.create_response !== false && !this.#response) void this.#respond({});
  }

  #clearPlayback(): void {
    const playing = this.#playback;
    if (!playing) return;
    playing.abort.abort();
    this.#send({ type: 'output_audio_buffer.cleared', response_id: playing.responseId });
  }

  /** The input buffer becomes a user item; its transcription, when configured, follows on its own time. */
  #commit(itemId: string): void {
    const heardMs = this.#buffer.voicedMs;
    this.#buffer = { ms: 0, voicedMs: 0 };
    this.#speechItemId = undefined;
    const item: Item = { id: itemId, object: 'realtime.item', type: 'message', status: 'completed', role: 'user', content: [{ type: 'input_audio', transcript: null }] };
    const previous = this.#insert(item);
    this.#heardMs.set(itemId, heardMs);
    this.#send({ type: 'input_audio_buffer.committed', previous_item_id: previous, item_id: itemId });
    this.#send({ type: 'conversation.item.added', previous_item_id: previous, item });
    this.#send({ type: 'conversation.item.done', previous_item_id: previous, item });
    const transcription = this.#session.audio.input.transcription as { model?: string } | null | undefined;
    if (!transcription) return;
    // The stand-in cannot recognise words, so its transcript says what it heard, and that it is the stand-in.
    const transcript = `[stand-in heard ${(heardMs / 1000).toFixed(1)} s of speech; it does not recognise words]`;
    // Like the real API, a transcription sometimes lands after the reply has begun: every other turn, starting with the first.
    const late = this.#turns++ % 2 === 0;
    const deliver = () => {
      if (this.#closed) return;
      const half = transcript.indexOf(';') + 1;
      for (const delta of [transcript.slice(0, half), transcript.slice(half)]) {
        this.#send({ type: 'conversation.item.input_audio_transcription.delta', item_id: itemId, content_index: 0, delta });
      }
      item.content = [{ type: 'input_audio', transcript }];
      this.#send({ type: 'conversation.item.input_audio_transcription.completed', item_id: itemId, content_index: 0, transcript, usage: { type: 'duration', seconds: Math.ceil(heardMs / 1000) } });
    };
    if (late) void sleep(this.#replyDelay + TRANSCRIPTION_LAG_MS, this.#life.signal).then(deliver);
    else deliver();
  }

  /** With `idle_timeout_ms`, silence after the reply has played prompts the model to speak again. */
  #armIdleTimeout(): void {
    this.#idle?.abort();
    const ms = this.#turnDetection?.idle_timeout_ms;
    if (!ms || this.#closed) return;
    const idle = (this.#idle = new AbortController());
    void sleep(ms, idle.signal).then(() => {
      if (idle.signal.aborted || this.#closed || this.#response || this.#detector?.speaking) return;
      const itemId = newId('item');
      this.#send({ type: 'input_audio_buffer.timeout_triggered', audio_start_ms: Math.round(this.#audioClockMs - ms), audio_end_ms: Math.round(this.#audioClockMs), item_id: itemId });
      this.#commit(itemId);
      void this.#respond({});
    });
  }

  async #respond(options: Json): Promise<void> {
    const running: Running = { id: newId('resp'), abort: new AbortController(), reason: 'client_cancelled', requestedAt: performance.now() };
    this.#response = running;
    const modalities = (options.output_modalities as string[] | undefined) ?? this.#session.output_modalities;
    const response: Json = {
      object: 'realtime.response',
      id: running.id,
      status: 'in_progress',
      status_details: null,
      output: [],
      conversation_id: this.#conversationId,
      output_modalities: modalities,
      max_output_tokens: 'inf',
      audio: { output: { format: { type: 'audio/pcm', rate: 24000 }, voice: this.#session.audio.output.voice } },
      usage: null,
      metadata: options.metadata ?? null,
    };
    this.#send({ type: 'response.created', response });
    const output: Item[] = [];
    const last = this.#items.at(-1);
    const userText = last?.type === 'message' && last.role === 'user' ? (last.content ?? []).map((p) => (p.text as string) ?? '').join(' ').trim() : '';
    const tool = userText ? toolNamedIn(userText, this.#session) : undefined;
    const stream = streamPlan(options.metadata);
    if (stream) {
      output.push(await this.#streamText(running, stream, output.length));
    } else if (tool) {
      output.push(await this.#callTool(running, tool, output.length));
    } else {
      let text = reply.greeting();
      if (last?.type === 'function_call_output') {
        const call = this.#items.find((i) => i.type === 'function_call' && i.call_id === last.call_id);
        text = reply.toToolOutput(call?.name ?? 'unknown', last.output ?? '');
      } else if (userText) text = reply.toText(userText);
      else if (last && this.#heardMs.has(last.id)) text = reply.toSpeech(this.#heardMs.get(last.id)!);
      output.push(await this.#speakItem(running, text, modalities.includes('audio'), output.length));
    }
    const cancelled = running.abort.signal.aborted;
    this.#response = undefined;
    Object.assign(response, {
      status: cancelled ? 'cancelled' : 'completed',
      status_details: cancelled ? { type: 'cancelled', reason: running.reason } : null,
      output,
      usage: { total_tokens: 0, input_tokens: 0, output_tokens: 0 },
    });
    this.#send({ type: 'response.done', response });
    this.#send({ type: 'rate_limits.updated', rate_limits: [{ name: 'tokens', limit: 1_000_000, remaining: 1_000_000, reset_seconds: 0 }] });
  }

  /** Streams one assistant message: item and part events, transcript deltas paced with the spoken audio. */
  async #speakItem(running: Running, text: string, audio: boolean, index: number): Promise<Item> {
    const { signal } = running.abort;
    const partType = audio ? 'output_audio' : 'output_text';
    const field = audio ? 'transcript' : 'text';
    const item: Item = { id: newId('item'), object: 'realtime.item', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
    const previous = this.#insert(item);
    const ids = { response_id: running.id, item_id: item.id, output_index: index, content_index: 0 };
    this.#send({ type: 'response.output_item.added', response_id: running.id, output_index: index, item });
    this.#send({ type: 'conversation.item.added', previous_item_id: previous, item });
    this.#send({ type: 'response.content_part.added', ...ids, part: { type: partType, [field]: '' } });
    const words = chunks(text);
    let pace = 40;
    if (audio) {
      const pcm = await speak(text).catch(() => tone(800));
      await sleep(this.#replyDelay - (performance.now() - running.requestedAt), signal);
      if (signal.aborted) return this.#finishItem(item, ids, partType, field, '', previous, index);
      const epoch = (t: number) => performance.timeOrigin + t;
      const onFirstPacket = () => this.replyTimes.push({ requestedAt: epoch(running.requestedAt), firstPacketAt: epoch(performance.now()) });
      this.#audioStarted = true;
      const playback = { responseId: running.id, abort: new AbortController() };
      signal.addEventListener('abort', () => playback.abort.abort(), { once: true });
      this.#playback = playback;
      this.#send({ type: 'output_audio_buffer.started', response_id: running.id });
      void this.#out.play(pcm, playback.abort.signal, onFirstPacket).then(() => {
        if (this.#playback === playback) this.#playback = undefined;
        if (playback.abort.signal.aborted) return;
        this.#send({ type: 'output_audio_buffer.stopped', response_id: running.id });
        this.#armIdleTimeout();
      });
      // The transcript streams a little ahead of the voice, as the real API's does.
      pace = (pcm.samples.length / 48 / Math.max(1, words.length)) * 0.8;
    }
    let streamed = '';
    for (const word of words) {
      if (signal.aborted) break;
      this.#send({ type: audio ? 'response.output_audio_transcript.delta' : 'response.output_text.delta', ...ids, delta: word });
      streamed += word;
      await sleep(pace, signal);
    }
    return this.#finishItem(item, ids, partType, field, signal.aborted ? streamed : text, previous, index, !signal.aborted);
  }

  #finishItem(item: Item, ids: Json, partType: string, field: string, text: string, previous: string | null, index: number, complete = false): Item {
    const part = { type: partType, [field]: text };
    if (complete) {
      if (partType === 'output_audio') this.#send({ type: 'response.output_audio.done', ...ids });
      this.#send({ type: partType === 'output_audio' ? 'response.output_audio_transcript.done' : 'response.output_text.done', ...ids, [field]: text });
      this.#send({ type: 'response.content_part.done', ...ids, part });
    }
    Object.assign(item, { status: complete ? 'completed' : 'incomplete', content: [part] });
    this.#send({ type: 'response.output_item.done', response_id: ids.response_id, output_index: index, item });
    this.#send({ type: 'conversation.item.done', previous_item_id: previous, item });
    return item;
  }

  /** A long text reply at a set delta rate, with bursts (the render benchmark's load). */
  async #streamText(running: Running, plan: StreamPlan, index: number): Promise<Item> {
    const { signal } = running.abort;
    const item: Item = { id: newId('item'), object: 'realtime.item', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
    const previous = this.#insert(item);
    const ids = { response_id: running.id, item_id: item.id, output_index: index, content_index: 0 };
    this.#send({ type: 'response.output_item.added', response_id: running.id, output_index: index, item });
    this.#send({ type: 'conversation.item.added', previous_item_id: previous, item });
    this.#send({ type: 'response.content_part.added', ...ids, part: { type: 'output_text', text: '' } });
    const start = performance.now();
    let due = 0;
    let text = '';
    for (let n = 0; n < plan.deltas && !signal.aborted; n++) {
      const inBurst = plan.burstEvery > 0 && (due % plan.burstEvery) < plan.burstMs;
      due += 1000 / (inBurst ? plan.burstRate : plan.rate);
      const word = `w${n} `;
      this.#send({ type: 'response.output_text.delta', ...ids, delta: word });
      text += word;
      const wait = start + due - performance.now();
      if (wait > 1) await sleep(wait, signal);
    }
    return this.#finishItem(item, ids, 'output_text', 'text', text, previous, index, !signal.aborted);
  }

  /** A function call whose arguments fit the tool's JSON Schema; the client answers with function_call_output. */
  async #callTool(running: Running, tool: SessionConfig['tools'][number], index: number): Promise<Item> {
    const item: Item = { id: newId('item'), object: 'realtime.item', type: 'function_call', status: 'in_progress', name: tool.name, call_id: newId('call'), arguments: '' };
    const previous = this.#insert(item);
    const ids = { response_id: running.id, item_id: item.id, output_index: index, call_id: item.call_id };
    this.#send({ type: 'response.output_item.added', response_id: running.id, output_index: index, item });
    this.#send({ type: 'conversation.item.added', previous_item_id: previous, item });
    const args = JSON.stringify(sampleFor(tool.parameters as never));
    const half = Math.ceil(args.length / 2);
    for (const delta of [args.slice(0, half), args.slice(half)]) {
      if (running.abort.signal.aborted) break;
      this.#send({ type: 'response.function_call_arguments.delta', ...ids, delta });
      await sleep(20, running.abort.signal);
    }
    const complete = !running.abort.signal.aborted;
    if (complete) this.#send({ type: 'response.function_call_arguments.done', ...ids, name: tool.name, arguments: args });
    Object.assign(item, { status: complete ? 'completed' : 'incomplete', arguments: complete ? args : '' });
    this.#send({ type: 'response.output_item.done', response_id: running.id, output_index: index, item });
    this.#send({ type: 'conversation.item.done', previous_item_id: previous, item });
    return item;
  }
}
