import { nextActivity, type Activity } from './activity.js';
import { DEFAULT_BASE_URL, realtimeUrl } from './api.js';
import { changedItems, reduceConversation, type Conversation } from './conversation.js';
import { AbortedError, isAbort, VoiceError } from './errors.js';
import { redact } from './redact.js';
import { DEFAULT_AUDIO_CONSTRAINTS, openMicrophone, stopStream } from './microphone.js';
import { readLevels, type Levels } from './levels.js';
import { merge, sessionUpdate, type ClientEvent, type SessionOptions } from './protocol/client-events.js';
import { classify, type KnownServerEvent } from './protocol/server-events.js';
import { withRetry } from './retry.js';
import { exchangeSdp } from './sdp.js';
import { isRunning, SessionEvent, type ConnectStages, type SessionEventDetails, type SessionEventType, type SessionState, type Stage, type TurnMetrics } from './session-events.js';
import { getEphemeralKey, type EphemeralKey, type TokenSource } from './token.js';
import type { Tool, ToolRunner } from './tools.js';

/** Chrome's SCTP max-message-size; larger messages are dropped silently by the browser. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
const MAX_QUEUED = 64;
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
// Levels are read from getStats, which Chromium caches for about 50 ms.
const LEVEL_POLL_MS = 50;
// The model's voice counts as heard once the played level passes this (≈ −40 dBFS).
const HEARD_LEVEL = 0.01;
// A push-to-talk press shorter than this is a slip of the finger, not a turn.
const MIN_TALK_MS = 250;
// Lost calls replaced in a row before giving up; a call that stayed up this long starts the count again.
const MAX_RECONNECTS = 2;
const STABLE_MS = 30_000;
// A connection that stays `disconnected` this long is given up for a new call (a short network blip recovers inside it).
const GRACE_MS = 10_000;
// Items carried into a replacement call, newest first.
const RESEED_LIMIT = 50;

export interface VoiceSessionOptions {
  /** Where the ephemeral key comes from. */
  token?: TokenSource | undefined;
  /**
   * The host's endpoint for the unified interface: the offer SDP is POSTed there (no key in the browser; the host
   * relays it with its own key and answers with the SDP answer). Wins over `token`.
   */
  callEndpoint?: string | undefined;
  /** Base URL of a service speaking the Realtime protocol. */
  baseUrl?: string | undefined;
  /** Fields of the `session.update` sent when the channel opens. */
  session?: SessionOptions | undefined;
  /** Constraints for the microphone we open (echo cancellation etc. on by default). */
  audioConstraints?: MediaTrackConstraints | undefined;
  /** A stream the host already opened. The session uses it and never stops its tracks. */
  microphone?: MediaStream | undefined;
  /** How long `connecting` may last before `connect_timeout`. */
  connectTimeoutMs?: number | undefined;
  /** A key fetched ahead of time (e.g. on hover); used if it is still valid, else a fresh one is fetched. */
  prefetchedKey?: Promise<EphemeralKey | undefined> | undefined;
  /** Functions the model may call; declared in the session unless `session.tools` is given. */
  tools?: readonly Tool[] | undefined;
  /** Start with the microphone muted. */
  muted?: boolean | undefined;
  /** Replace a lost call (network drop, the service's time limit) with a new one carrying the conversation. Default true. */
  reconnect?: boolean | undefined;
  /** End the conversation this many ms after it first went live (the host's own limit). */
  maxDurationMs?: number | undefined;
}

// A prefetched key this close to expiry is not used: the call must still be set up with it.
const KEY_MARGIN_MS = 15_000;
const usable = (key: EphemeralKey | undefined): key is EphemeralKey => !!key && (key.expiresAt === undefined || key.expiresAt * 1000 - Date.now() > KEY_MARGIN_MS);

export interface VoiceSession {
  addEventListener<K extends SessionEventType>(type: K, listener: (event: SessionEvent<K>) => void, options?: AddEventListenerOptions | boolean): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void;
  removeEventListener<K extends SessionEventType>(type: K, listener: (event: SessionEvent<K>) => void, options?: EventListenerOptions | boolean): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: EventListenerOptions | boolean): void;
}

/** The resources of one call; all of them are released by one teardown. */
interface Call {
  readonly abort: AbortController;
  readonly pc: RTCPeerConnection;
  readonly channel: RTCDataChannel;
  readonly sender: RTCRtpSender;
  readonly startedAt: number;
  poll?: ReturnType<typeof setInterval>;
  /** The microphone stream we opened (and so must stop); a host-supplied stream is never stored here. */
  ownedMic?: MediaStream;
  timer?: ReturnType<typeof setTimeout>;
  /** Reached `live` at this time: only such a call can be lost (and replaced). */
  liveAt?: number;
  grace?: ReturnType<typeof setTimeout>;
}

/**
 * One voice conversation with a Realtime model over WebRTC. Framework-free: the element drives it, and so can any page.
 *
 * Owns the peer connection, the data channel, the microphone tracks it opened and its timers; {@link stop}, a fatal
 * error and a superseding {@link start} all release them through one teardown.
 */
export class VoiceSession extends EventTarget {
  #options: VoiceSessionOptions;
  #state: SessionState = 'idle';
  #call: Call | undefined;
  #stages: ConnectStages = {};
  #items: Conversation = [];
  #queue: ClientEvent[] = [];
  #responseActive = false;
  #responseRequests: ClientEvent[] = [];
  #lastResponseRequest: ClientEvent | undefined;
  #callId: string | undefined;
  #eventCounter = 0;
  #activity: Activity = 'idle';
  #levels: Levels = { input: 0, output: 0 };
  #muted: boolean;
  #talkingSince: number | undefined;
  #audioPlaying = false;
  #audioHeard = false;
  #voice: string | undefined;
  #turn: { trigger: TurnMetrics['trigger']; at: number } | undefined;
  #lastTurn: TurnMetrics | undefined;
  #reconnects = 0;
  /** Items after which a replacement call took over (the element draws a divider there). */
  #resumedAfter: readonly string[] = [];
  #prefetchUsed = false;
  #maxTimer: ReturnType<typeof setTimeout> | undefined;
  /** Loaded with the first function call: pages without tools never fetch it. */
  #tools: Promise<ToolRunner> | undefined;

  constructor(options: VoiceSessionOptions) {
    super();
    this.#options = options;
    this.#muted = !!options.muted;
  }

  #toolRunner(): Promise<ToolRunner> {
    return (this.#tools ??= import('./tools.js').then(
      ({ ToolRunner }) =>
        new ToolRunner(
          () => this.#options.tools ?? [],
          (detail) => this.dispatchEvent(new SessionEvent('toolcall', detail, true)),
          (event) => this.#call && this.send(event),
          (name, message) => this.#report(new VoiceError('tool_failed', `${name}: ${message}`, undefined, true)),
        ),
    ));
  }

  /** Who is speaking: `listening`, `user-speaking`, `thinking`, `assistant-speaking` (`idle` with no call). */
  get activity(): Activity {
    return this.#activity;
  }
  /** Microphone and voice loudness, 0..1, refreshed every 50 ms while live. */
  get levels(): Levels {
    return { ...this.#levels };
  }
  /** The last completed turn's latency. */
  get lastTurn(): TurnMetrics | undefined {
    return this.#lastTurn;
  }
  get muted(): boolean {
    return this.#muted;
  }
  /** Mutes the microphone: its track is disabled, so the server hears silence. */
  set muted(muted: boolean) {
    this.#muted = muted;
    this.#applyTrackEnabled();
  }
  /** The `deviceId` of the microphone in use. */
  get microphoneId(): string | undefined {
    return this.#call?.sender.track?.getSettings().deviceId;
  }
  get #pushToTalk(): boolean {
    return this.#options.session?.turnDetection === 'none';
  }

  get state(): SessionState {
    return this.#state;
  }
  /** The conversation so far, in display order. */
  get conversation(): Conversation {
    return this.#items;
  }
  /** Connect-stage times of the current (or last) call. */
  get metrics(): ConnectStages {
    return { ...this.#stages };
  }
  /** The server's id for the current call (`rtc_…`), when it told us. */
  get callId(): string | undefined {
    return this.#callId;
  }

  /** Ids of the items after which a lost call was replaced by a new one. */
  get resumedAfter(): readonly string[] {
    return this.#resumedAfter;
  }

  /** Starts a call. Does nothing while one is connecting or live. Resolves when connected (or failed). */
  async start(): Promise<void> {
    if (isRunning(this.#state)) return;
    this.#items = [];
    this.#resumedAfter = [];
    this.#reconnects = 0;
    this.#audioHeard = false;
    this.#lastTurn = undefined;
    return this.#open(false);
  }

  /** The conversation so far as items to create in a replacement call (text only: the new call has no old audio). */
  #reseed(): ClientEvent[] {
    const said = this.#items.filter((item) => (item.role === 'user' || item.role === 'assistant') && item.text).slice(-RESEED_LIMIT);
    return said.map((item) =>
      this.#withId({
        type: 'conversation.item.create',
        item: { id: item.id, type: 'message', role: item.role, content: [{ type: item.role === 'user' ? 'input_text' : 'output_text', text: item.text }] },
      }),
    );
  }

  /** Opens a call: the first of a start, or one replacing a lost call (`resume`), which is seeded with what was said. */
  async #open(resume: boolean): Promise<void> {
    const { token, callEndpoint, baseUrl = DEFAULT_BASE_URL, session = {} } = this.#options;
    this.#stages = {};
    const tools = this.#options.tools;
    this.#queue = [this.#withId(sessionUpdate(session.tools || !tools?.length ? session : { ...session, tools })), ...(resume ? this.#reseed() : [])];
    this.#callId = undefined;
    this.#setState(resume ? 'reconnecting' : 'connecting');
    if (!token && !callEndpoint) return this.#fail(new VoiceError('config_missing'));
    if (typeof RTCPeerConnection === 'undefined') return this.#fail(new VoiceError('unsupported'));

    const pc = new RTCPeerConnection();
    // The transceiver exists before the mic does, so the offer needs no mic and replaceTrack needs no renegotiation.
    const transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
    // The server only accepts events on a channel the client created before the offer.
    const channel = pc.createDataChannel('oai-events');
    const call: Call = { abort: new AbortController(), pc, channel, sender: transceiver.sender, startedAt: performance.now() };
    this.#call = call;
    const { signal } = call.abort;
    call.timer = setTimeout(
      () => this.#fail(new VoiceError('connect_timeout')),
      this.#options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    );
    this.#wire(call);

    const microphone = (async () => {
      const stream = this.#options.microphone ?? (call.ownedMic = await openMicrophone({ ...DEFAULT_AUDIO_CONSTRAINTS, ...this.#options.audioConstraints }, signal));
      if (signal.aborted) throw new AbortedError();
      await this.#useTrack(call, stream.getAudioTracks()[0]);
      this.#mark('microphone');
    })();
    // A prefetched key serves the first call only; a replacement call gets a fresh one. The unified interface needs none.
    const prefetched = (!this.#prefetchUsed && this.#options.prefetchedKey?.catch(() => undefined)) || Promise.resolve(undefined);
    this.#prefetchUsed = true;
    const key = callEndpoint
      ? Promise.resolve(undefined)
      : prefetched.then((k) => (usable(k) ? k : getEphemeralKey(token!, signal))).then((k) => (this.#mark('token'), k));
    const offer = pc
      .createOffer()
      .then((o) => pc.setLocalDescription(o))
      .then(() => this.#mark('offer'));
    const connect = (async () => {
      const [first] = await Promise.all([key, offer]);
      const url = callEndpoint ?? realtimeUrl(baseUrl, 'calls');
      const exchange = (key: string | undefined) => withRetry(() => exchangeSdp(url, pc.localDescription!.sdp, key, signal), signal);
      const answer = await exchange(first?.value).catch(async (e: unknown) => {
        // The service no longer takes this key (expired or revoked early): one more try with a fresh one.
        if (!(token && !callEndpoint && e instanceof VoiceError && e.status === 401)) throw e;
        return exchange((await getEphemeralKey(token, signal)).value);
      });
      if (signal.aborted) throw new AbortedError();
      this.#callId = answer.callId;
      this.#mark('answer');
      await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    })();
    try {
      // All three run in parallel; the first failure fails the start at once.
      await Promise.all([microphone, connect]);
    } catch (e) {
      if (this.#call !== call || isAbort(e)) return;
      this.#fail(e instanceof VoiceError ? e : new VoiceError('connection_failed', e instanceof Error ? e.message : String(e)));
    }
  }

  /**
   * Stops the reply: cancels the running response and clears audio not yet played. Only while a response is active
   * or its audio plays (otherwise the server would answer with an error); returns whether it did anything.
   */
  interrupt(): boolean {
    if (this.#state !== 'live' || !(this.#responseActive || this.#audioPlaying)) return false;
    this.#responseRequests = [];
    if (this.#responseActive) this.send({ type: 'response.cancel' });
    if (this.#audioPlaying) this.send({ type: 'output_audio_buffer.clear' });
    return true;
  }

  /**
   * Push-to-talk (turn detection `none`): pressing clears the input buffer, stops any reply and opens the microphone;
   * releasing commits what was said and asks for a reply. A press under 250 ms is discarded.
   */
  talk(pressed: boolean): void {
    if (this.#state !== 'live' || !this.#pushToTalk || pressed === (this.#talkingSince !== undefined)) return;
    if (pressed) {
      this.interrupt();
      this.send({ type: 'input_audio_buffer.clear' });
      this.#talkingSince = performance.now();
      this.#setActivity('user-speaking');
    } else {
      const held = performance.now() - this.#talkingSince!;
      this.#talkingSince = undefined;
      if (held < MIN_TALK_MS) {
        this.send({ type: 'input_audio_buffer.clear' });
        this.#setActivity('listening');
      } else {
        this.send({ type: 'input_audio_buffer.commit' });
        this.send({ type: 'response.create' });
        this.#turn = { trigger: 'speech', at: performance.now() };
        this.#setActivity('thinking');
      }
    }
    this.#applyTrackEnabled();
  }

  /** Whether push-to-talk is held. */
  get talking(): boolean {
    return this.#talkingSince !== undefined;
  }

  /**
   * Changes session fields mid-call (`session.update`) and keeps them for the next call. The voice cannot change once
   * the model has spoken: that throws `voice_locked` (also reported as an error event).
   */
  updateSession(options: SessionOptions): void {
    const voice = this.#voice ?? this.#options.session?.voice;
    if (options.voice && this.#audioHeard && voice && options.voice !== voice) {
      throw this.#report(new VoiceError('voice_locked', voice, undefined, true));
    }
    const current = this.#options.session ?? {};
    this.#options = { ...this.#options, session: { ...current, ...options, extra: merge(current.extra ?? {}, options.extra ?? {}) } };
    if (isRunning(this.#state)) this.send(sessionUpdate(options));
    if (!this.#pushToTalk && this.#talkingSince !== undefined) this.#talkingSince = undefined;
    this.#applyTrackEnabled();
  }

  /** Updates the page's tools; declared to the model at once when a call is running. */
  setTools(tools: readonly Tool[]): void {
    this.#options = { ...this.#options, tools };
    if (isRunning(this.#state)) this.send(sessionUpdate({ tools }));
  }

  /**
   * Switches to another microphone without renegotiating (`replaceTrack`); `undefined` means the default device.
   * On failure the current microphone stays and a recoverable error is reported.
   */
  async setMicrophone(deviceId: string | undefined): Promise<void> {
    const call = this.#call;
    if (!call) return;
    try {
      const constraints = { ...DEFAULT_AUDIO_CONSTRAINTS, ...this.#options.audioConstraints, deviceId: deviceId ? { exact: deviceId } : undefined };
      const stream = await openMicrophone(constraints, call.abort.signal);
      if (this.#call !== call) return stopStream(stream);
      const previous = call.ownedMic;
      call.ownedMic = stream;
      await this.#useTrack(call, stream.getAudioTracks()[0]);
      stopStream(previous);
    } catch (e) {
      if (isAbort(e) || this.#call !== call) return;
      const error = e instanceof VoiceError ? e : new VoiceError('microphone_unavailable', String(e));
      this.#report(new VoiceError(error.code, error.detail, undefined, true));
    }
  }

  /** Sends `track` and keeps following it: a microphone that goes away (unplugged) is replaced by the default one. */
  async #useTrack(call: Call, track: MediaStreamTrack | undefined): Promise<void> {
    await call.sender.replaceTrack(track ?? null);
    this.#applyTrackEnabled();
    track?.addEventListener('ended', () => {
      if (this.#call === call && call.sender.track === track) void this.setMicrophone(undefined);
    });
  }

  #applyTrackEnabled(): void {
    const track = this.#call?.sender.track;
    if (track) track.enabled = !this.#muted && (!this.#pushToTalk || this.#talkingSince !== undefined);
  }

  /** Ends the call and releases everything. Safe to call at any time, any number of times. */
  stop(): void {
    if (!isRunning(this.#state)) return;
    this.#close();
    this.#setState('ended');
  }

  /**
   * Sends a client event. Queued while connecting; `response.create` waits until no response is active
   * (the server refuses a second one with `conversation_already_has_active_response`).
   */
  send(event: ClientEvent): void {
    if (!event || typeof event !== 'object' || typeof event.type !== 'string') throw new TypeError('a client event needs a string `type`');
    if (!isRunning(this.#state)) throw this.#report(new VoiceError('not_connected', '', undefined, true));
    const withId = this.#withId(event);
    if (withId.type === 'conversation.item.create' && (withId.item as { role?: string } | undefined)?.role === 'user') this.#turn = { trigger: 'text', at: performance.now() };
    if (withId.type === 'response.create' && (this.#responseActive || this.#responseRequests.length)) {
      if (this.#responseRequests.length >= MAX_QUEUED) throw this.#report(new VoiceError('queue_full', '', undefined, true));
      this.#responseRequests.push(withId);
      return;
    }
    this.#dispatch(withId);
  }

  #dispatch(event: ClientEvent): void {
    const message = JSON.stringify(event);
    if (new TextEncoder().encode(message).length > MAX_MESSAGE_BYTES) {
      throw this.#report(new VoiceError('message_too_large', '', undefined, true));
    }
    if (event.type === 'response.create') {
      this.#responseActive = true;
      this.#lastResponseRequest = event;
    }
    const channel = this.#call?.channel;
    if (channel?.readyState === 'open') this.#transmit(channel, event, message);
    else if (this.#queue.length >= MAX_QUEUED) throw this.#report(new VoiceError('queue_full', '', undefined, true));
    else this.#queue.push(event);
  }

  /** No response is running any more: send the next requested one, if any. */
  #releaseResponse(): void {
    this.#responseActive = false;
    const next = this.#responseRequests.shift();
    if (next && this.#call) this.#dispatch(next);
  }

  #withId(event: ClientEvent): ClientEvent {
    return event.event_id ? event : { ...event, event_id: `evt_rvc_${++this.#eventCounter}` };
  }

  #transmit(channel: RTCDataChannel, event: ClientEvent, message = JSON.stringify(event)): void {
    channel.send(message);
    const shown = redact(message);
    this.#emit('clientevent', { event: shown === message ? event : (JSON.parse(shown) as ClientEvent) });
  }

  #wire(call: Call): void {
    const { pc, channel } = call;
    pc.addEventListener('connectionstatechange', () => {
      if (this.#call !== call) return;
      const state = pc.connectionState;
      if (state === 'connected') {
        this.#mark('ice');
        clearTimeout(call.grace);
        call.grace = undefined;
        // Back from a short blip: the same call goes on.
        if (call.liveAt !== undefined && this.#state === 'reconnecting') this.#setState('live');
      }
      if (state === 'disconnected' && call.liveAt !== undefined && call.grace === undefined) {
        this.#setState('reconnecting');
        call.grace = setTimeout(() => this.#call === call && this.#lose(new VoiceError('connection_lost')), GRACE_MS);
      }
      if (state === 'failed') {
        // A peer that said goodbye (DTLS close) ended the call; one that vanished after working was lost.
        const ended = pc.sctp?.transport.state === 'closed';
        this.#lose(new VoiceError(ended ? 'channel_closed' : this.#stages.ice === undefined ? 'connection_failed' : 'connection_lost'));
      }
    });
    pc.addEventListener('track', (event) => {
      if (this.#call !== call) return;
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      // A remote track unmutes when its first RTP packet arrives: the first audio the visitor can hear.
      event.track.addEventListener('unmute', () => this.#call === call && this.#mark('firstAudio'), { once: true });
      this.#emit('remotestream', { stream });
    });
    channel.addEventListener('open', () => {
      if (this.#call !== call) return;
      this.#mark('channel');
      for (const event of this.#queue.splice(0)) this.#transmit(channel, event);
    });
    channel.addEventListener('close', () => {
      if (this.#call === call) this.#lose(new VoiceError('channel_closed'));
    });
    channel.addEventListener('message', (event: MessageEvent) => {
      if (this.#call === call) this.#receive(event.data);
    });
  }

  #receive(data: unknown): void {
    // Redacted before anything reads it: a key in a server message reaches no event, item, log or error.
    const result = classify(typeof data === 'string' ? redact(data) : data);
    if (result.kind === 'invalid') {
      this.#report(new VoiceError('server_event_invalid', result.reason, undefined, true));
      return;
    }
    this.#emit('serverevent', { event: result.raw });
    if (result.kind === 'known') this.#apply(result.event);
  }

  #apply(event: KnownServerEvent): void {
    switch (event.type) {
      case 'session.updated':
        this.#voice = (event.session.audio as { output?: { voice?: string } } | undefined)?.output?.voice ?? this.#voice;
        if (this.#state === 'connecting' || (this.#state === 'reconnecting' && this.#call?.liveAt === undefined)) {
          const call = this.#call!;
          clearTimeout(call.timer);
          call.liveAt = performance.now();
          const limit = this.#options.maxDurationMs;
          // The host's limit runs from the first time the conversation went live, across replacement calls.
          if (limit && this.#maxTimer === undefined) this.#maxTimer = setTimeout(() => this.#end(new VoiceError('session_expired', 'max-duration', undefined, true)), limit);
          // Listeners of the stage and of the state may stop the call: nothing after them may bring it back.
          this.#mark('ready');
          if (this.#call !== call) return;
          this.#setState('live');
          if (this.#call !== call) return;
          this.#setActivity('listening');
          this.#startPolling();
        }
        break;
      case 'input_audio_buffer.speech_started':
        this.#turn = undefined;
        break;
      case 'input_audio_buffer.speech_stopped':
        this.#turn = { trigger: 'speech', at: performance.now() };
        break;
      case 'output_audio_buffer.started':
        this.#audioPlaying = this.#audioHeard = true;
        break;
      case 'output_audio_buffer.stopped':
      case 'output_audio_buffer.cleared':
        this.#audioPlaying = false;
        break;
      case 'response.created':
        this.#responseActive = true;
        break;
      case 'response.output_item.done': {
        const { item } = event;
        if (item.type === 'function_call' && item.status === 'completed') void this.#toolRunner().then((tools) => tools.run(item.name ?? '', item.call_id ?? '', item.arguments ?? ''));
        break;
      }
      case 'response.done':
        this.#releaseResponse();
        if (!event.response.output_modalities?.includes('audio') && event.response.output_modalities) this.#turn = undefined;
        // Chained on the same promise as the calls, so it is seen after them.
        void this.#tools?.then((tools) => tools.responseDone(event.response.status === 'completed'));
        break;
      case 'error': {
        const { code, message, event_id } = event.error;
        // The service's time limit: it hangs up next. The call is over (the page may start a new one).
        if (code === 'session_expired') return this.#lose(new VoiceError('session_expired', message ?? '', undefined, false, code));
        const refused = this.#lastResponseRequest;
        if (refused && event_id === refused.event_id) {
          this.#lastResponseRequest = undefined;
          // The server had a response running that we had not heard of yet: retry after it is done.
          if (code === 'conversation_already_has_active_response') this.#responseRequests.unshift(refused);
          else this.#releaseResponse();
        }
        this.#report(new VoiceError('server_error', message ?? code ?? 'error', undefined, true, code ?? undefined));
        break;
      }
    }
    if (this.#state === 'live' && this.#talkingSince === undefined) this.#setActivity(nextActivity(this.#activity, event));
    const next = reduceConversation(this.#items, event);
    if (next !== this.#items) {
      const changed = changedItems(this.#items, next);
      this.#items = next;
      this.#emit('conversation', { items: next, changed });
    }
  }

  /** Levels for the meters, and the per-turn clock: a turn ends when the model's voice is actually audible. */
  #startPolling(): void {
    const call = this.#call;
    if (!call) return;
    call.poll = setInterval(() => {
      void readLevels(call.pc).then((levels) => {
        if (this.#call !== call) return;
        this.#levels = this.#muted ? { ...levels, input: 0 } : levels;
        this.#emit('levels', this.levels);
        const turn = this.#turn;
        if (turn && levels.output > HEARD_LEVEL) {
          this.#turn = undefined;
          this.#lastTurn = { trigger: turn.trigger, ms: Math.round(performance.now() - turn.at) };
          this.#emit('metrics', { stages: this.metrics, turn: this.#lastTurn });
        }
      }, () => {});
    }, LEVEL_POLL_MS);
  }

  #setActivity(activity: Activity): void {
    const previous = this.#activity;
    if (previous === activity) return;
    this.#activity = activity;
    this.#emit('activity', { activity, previous });
  }

  #mark(stage: Stage): void {
    const call = this.#call;
    if (!call || this.#stages[stage] !== undefined) return;
    this.#stages[stage] = Math.round(performance.now() - call.startedAt);
    this.#emit('metrics', { stages: this.metrics });
  }

  #fail(error: VoiceError): void {
    if (!isRunning(this.#state)) return;
    this.#close();
    this.#report(error);
    this.#setState('failed');
  }

  /** The conversation is over (not just its call, which a replacement may follow): the host's time limit goes too. */
  #close(): void {
    clearTimeout(this.#maxTimer);
    this.#maxTimer = undefined;
    this.#teardown();
  }

  /** Ends the conversation on the host's terms (`maxDurationMs`): not a failure, but said so. */
  #end(error: VoiceError): void {
    if (!isRunning(this.#state)) return;
    this.stop();
    this.#report(error);
  }

  /**
   * A call that was live is gone (network, the service's time limit, a hangup): a new call with a fresh key takes over,
   * seeded with the conversation, unless that already failed {@link MAX_RECONNECTS} times in a row.
   */
  #lose(error: VoiceError): void {
    const call = this.#call;
    if (!call?.liveAt || this.#options.reconnect === false) return this.#fail(error);
    if (performance.now() - call.liveAt > STABLE_MS) this.#reconnects = 0;
    if (this.#reconnects >= MAX_RECONNECTS) return this.#fail(error);
    this.#reconnects++;
    this.#teardown();
    const last = this.#items.at(-1);
    if (last && this.#resumedAfter.at(-1) !== last.id) {
      this.#resumedAfter = [...this.#resumedAfter, last.id];
      this.#emit('conversation', { items: this.#items, changed: [] });
    }
    this.#report(new VoiceError(error.code, error.detail, undefined, true, error.serverCode));
    void this.#open(true);
  }

  #report(error: VoiceError): VoiceError {
    this.#emit('error', { error });
    return error;
  }

  /** The one place resources are released: stop, fatal errors and element removal all end here. */
  #teardown(): void {
    const call = this.#call;
    this.#call = undefined;
    this.#queue = [];
    this.#responseRequests = [];
    this.#responseActive = false;
    this.#lastResponseRequest = undefined;
    void this.#tools?.then((tools) => tools.reset());
    this.#talkingSince = this.#turn = undefined;
    this.#audioPlaying = false;
    this.#levels = { input: 0, output: 0 };
    this.#setActivity('idle');
    if (!call) return;
    call.abort.abort();
    clearTimeout(call.timer);
    clearTimeout(call.grace);
    clearInterval(call.poll);
    call.channel.close();
    call.pc.close();
    stopStream(call.ownedMic);
  }

  #setState(state: SessionState): void {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    this.#emit('statechange', { state, previous });
  }

  #emit<K extends SessionEventType>(type: K, detail: SessionEventDetails[K]): void {
    this.dispatchEvent(new SessionEvent(type, detail));
  }
}
