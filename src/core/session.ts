import { nextActivity, type Activity } from './activity.js';
import { DEFAULT_BASE_URL } from './api.js';
import { ConversationState, type Conversation } from './conversation.js';
import { isAbort, VoiceError } from './errors.js';
import type { Levels } from './levels.js';
import { DEFAULT_AUDIO_CONSTRAINTS } from './microphone.js';
import { Outbox } from './outbox.js';
import { approvalResponse, type ClientEvent } from './protocol/client-events.js';
import { classify, type KnownServerEvent } from './protocol/server-events.js';
import { ReconnectPolicy, reseedEvents } from './reconnect.js';
import { redact } from './redact.js';
import { ResponseSequencer } from './response-sequencer.js';
import { SessionEvent, isRunning, type ConnectStages, type SessionEventDetails, type SessionEventType, type SessionState, type Stage, type TurnMetrics } from './session-events.js';
import { merge, sessionUpdate, type SessionOptions } from './session-update.js';
import { getEphemeralKey, type EphemeralKey, type TokenSource } from './token.js';
import type { Tool, ToolRunner } from './tools.js';
import type { CallRoute, Transport, TransportFactory } from './transport.js';
import { TurnClock } from './turn-clock.js';
import { addUsage, emptyUsage, type Usage } from './usage.js';
import { WebRtcTransport } from './webrtc-transport.js';

/** Chrome's SCTP max-message-size; larger messages are dropped silently by the browser. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
// Levels are read from getStats, which Chromium caches for about 50 ms.
const LEVEL_POLL_MS = 50;
// A push-to-talk press shorter than this is a slip of the finger, not a turn.
const MIN_TALK_MS = 250;
// A prefetched key this close to expiry is not used: the call must still be set up with it.
const KEY_MARGIN_MS = 15_000;
const usable = (key: EphemeralKey | undefined): key is EphemeralKey => !!key && (key.expiresAt === undefined || key.expiresAt * 1000 - Date.now() > KEY_MARGIN_MS);

export interface VoiceSessionOptions {
  /** Where the ephemeral key comes from. */
  token?: TokenSource | undefined;
  /** The host's endpoint for the unified interface: the offer goes there, no key in the browser. Wins over `token`. */
  callEndpoint?: string | undefined;
  /** Base URL of a service speaking the Realtime protocol. */
  baseUrl?: string | undefined;
  /** What the page sets in the session; the rest stays as the host's token or call handler configured it. */
  session?: SessionOptions | undefined;
  /** Constraints for the microphone we open (echo cancellation etc. on by default). */
  audioConstraints?: MediaTrackConstraints | undefined;
  /** A stream the host already opened. The session uses it and never stops its tracks. */
  microphone?: MediaStream | undefined;
  /** How long `connecting` may last before `connect_timeout`. */
  connectTimeoutMs?: number | undefined;
  /** A key fetched ahead of time (e.g. on hover); used if it is still valid, else a fresh one is fetched. */
  prefetchedKey?: Promise<EphemeralKey | undefined> | undefined;
  /** Functions the model may call in the page; declared in the session beside the host's own tools. */
  tools?: readonly Tool[] | undefined;
  /** Start with the microphone muted. */
  muted?: boolean | undefined;
  /** Replace a lost call (network drop, the service's time limit) with a new one carrying the conversation. Default true. */
  reconnect?: boolean | undefined;
  /** End the conversation this many ms after it first went live (the host's own limit). */
  maxDurationMs?: number | undefined;
  /** How calls reach the service (WebRTC by default). */
  transport?: TransportFactory | undefined;
}

/** One call of the conversation: its transport and what the service said of its session. */
interface Call {
  readonly transport: Transport;
  readonly startedAt: number;
  timer: ReturnType<typeof setTimeout>;
  poll?: ReturnType<typeof setInterval>;
  /** The session as the service last described it (`session.created`, then each `session.updated`). */
  effective?: Record<string, unknown>;
  /** The opening `session.update`'s id: an `error` naming it means the service refused the session. */
  openingId?: string;
  /** The transport is connected with the microphone attached, and the service has applied the session. */
  connected?: boolean;
  configured?: boolean;
  /** Reached `live` at this time: only such a call can be lost (and replaced). */
  liveAt?: number;
}

export interface VoiceSession {
  addEventListener<K extends SessionEventType>(type: K, listener: (event: SessionEvent<K>) => void, options?: AddEventListenerOptions | boolean): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void;
  removeEventListener<K extends SessionEventType>(type: K, listener: (event: SessionEvent<K>) => void, options?: EventListenerOptions | boolean): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: EventListenerOptions | boolean): void;
}

/**
 * One voice conversation with a Realtime model. Framework-free: the element drives it, and so can any page. It
 * speaks the protocol; each call's transport owns the connection, the microphone and its timers. A conversation
 * ends one of two ways: {@link stop}, or a failure.
 */
export class VoiceSession extends EventTarget {
  #options: VoiceSessionOptions;
  #state: SessionState = 'idle';
  #call: Call | undefined;
  #stages: ConnectStages = {};
  #conversation = new ConversationState();
  #outbox = new Outbox();
  #responses = new ResponseSequencer((event) => this.#outbox.put(event));
  #reconnect: ReconnectPolicy;
  #turns = new TurnClock();
  #usage: Usage = emptyUsage();
  #eventCounter = 0;
  #activity: Activity = 'idle';
  #levels: Levels = { input: 0, output: 0 };
  #muted: boolean;
  #talkingSince: number | undefined;
  #audioPlaying = false;
  /** The model has spoken in this conversation: its voice can no longer change. */
  #audioHeard = false;
  #voice: string | undefined;
  /** Items carried into a replacement call: the service's echo of them changes nothing. */
  #reseeded = new Set<string>();
  /** Names of the tools the page declared (the rest of the session's tools are the host's). */
  #pageTools = new Set<string>();
  #prefetchUsed = false;
  #maxTimer: ReturnType<typeof setTimeout> | undefined;
  /** Loaded with the first function call: pages without tools never fetch it. */
  #tools: Promise<ToolRunner> | undefined;

  constructor(options: VoiceSessionOptions) {
    super();
    this.#options = options;
    this.#muted = !!options.muted;
    this.#reconnect = new ReconnectPolicy(options.reconnect !== false);
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
    return this.#turns.last;
  }
  get muted(): boolean {
    return this.#muted;
  }
  /** Mutes the microphone: its track is disabled, so the server hears silence. */
  set muted(muted: boolean) {
    this.#muted = muted;
    this.#applyMicrophone();
  }
  /** The `deviceId` of the microphone in use. */
  get microphoneId(): string | undefined {
    return this.#call?.transport.microphoneId;
  }
  get state(): SessionState {
    return this.#state;
  }
  /** The conversation so far, in display order (dividers mark where a replacement call took over). */
  get conversation(): Conversation {
    return this.#conversation.items;
  }
  /** Connect-stage times of the current (or last) call. */
  get metrics(): ConnectStages {
    return { ...this.#stages };
  }
  /** The server's id for the current call (`rtc_…`), when it told us. */
  get callId(): string | undefined {
    return this.#call?.transport.callId;
  }
  /** Tokens used in this conversation so far, by kind, and the latest rate limits. */
  get usage(): Usage {
    return this.#usage;
  }
  /** The session options in effect (the page's, with every `updateSession` applied). */
  get sessionOptions(): SessionOptions {
    return this.#options.session ?? {};
  }
  /** Whether push-to-talk is held. */
  get talking(): boolean {
    return this.#talkingSince !== undefined;
  }
  get #pushToTalk(): boolean {
    return this.#options.session?.turnDetection === 'none';
  }

  /** Starts a conversation. Does nothing while one is connecting or live. Resolves when connected (or failed). */
  async start(): Promise<void> {
    if (isRunning(this.#state)) return;
    this.#conversation = new ConversationState();
    this.#usage = emptyUsage();
    this.#audioHeard = false;
    this.#reseeded.clear();
    this.#reconnect.reset();
    this.#turns.reset();
    return this.#open(false);
  }

  /** Opens a call: the first of a conversation, or one replacing a lost call (`resume`), seeded with what was said. */
  async #open(resume: boolean): Promise<void> {
    const { token, callEndpoint, baseUrl = DEFAULT_BASE_URL } = this.#options;
    this.#stages = {};
    this.#outbox.close();
    this.#setState(resume ? 'reconnecting' : 'connecting');
    if (!token && !callEndpoint) return this.#fail(new VoiceError('config_missing'));
    if (resume) {
      for (const event of reseedEvents(this.#conversation.items)) {
        this.#reseeded.add((event.item as { id: string }).id);
        this.#outbox.put(this.#withId(event));
      }
    }
    // A prefetched key serves the first call only; a replacement call gets a fresh one. The unified interface needs none.
    const prefetched = !this.#prefetchUsed ? this.#options.prefetchedKey?.catch(() => undefined) : undefined;
    this.#prefetchUsed = true;
    const route: CallRoute = { baseUrl, callEndpoint, key: token && (async (fresh, signal) => (!fresh && usable(await prefetched)) ? (await prefetched)! : getEphemeralKey(token, signal)) };
    const microphone = { stream: this.#options.microphone, constraints: { ...DEFAULT_AUDIO_CONSTRAINTS, ...this.#options.audioConstraints } };
    let call: Call | undefined;
    const live = () => this.#call === call && !!call;
    const transport = (this.#options.transport ?? ((r, m, h) => new WebRtcTransport(r, m, h)))(route, microphone, {
      stage: (stage) => live() && this.#mark(stage),
      open: () => {},
      message: (data) => live() && this.#receive(data),
      interrupted: () => live() && call!.liveAt !== undefined && this.#setState('reconnecting'),
      restored: () => live() && call!.liveAt !== undefined && this.#state === 'reconnecting' && this.#setState('live'),
      lost: (error) => live() && this.#lose(error),
      remoteStream: (stream) => live() && this.#emit('remotestream', { stream }),
      microphoneError: (error) => live() && this.#report(error),
    });
    call = this.#call = { transport, startedAt: performance.now(), timer: setTimeout(() => this.#fail(new VoiceError('connect_timeout')), this.#options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) };
    this.#applyMicrophone();
    try {
      await transport.connect();
    } catch (e) {
      if (this.#call !== call || isAbort(e)) return;
      return this.#fail(e instanceof VoiceError ? e : new VoiceError('connection_failed', String(e)));
    }
    call.connected = true;
    this.#goLive(call);
  }

  /** Stops the reply: cancels the running response and stops its voice. Returns whether there was a reply to stop. */
  interrupt(): boolean {
    const call = this.#call;
    if (this.#state !== 'live' || !call || !(this.#responses.active || this.#audioPlaying)) return false;
    this.#responses.clear();
    if (this.#responses.active) this.send({ type: 'response.cancel' });
    const stop = this.#audioPlaying ? call.transport.stopPlayback() : undefined;
    if (stop) this.send(stop);
    return true;
  }

  /**
   * Push-to-talk (turn detection `none`): pressing clears the input buffer, stops any reply and opens the microphone;
   * releasing commits what was said and asks for a reply. A press under 250 ms is discarded.
   */
  talk(pressed: boolean): void {
    if (this.#state !== 'live' || !this.#pushToTalk || pressed === this.talking) return;
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
        this.#turns.start('speech');
        this.#setActivity('thinking');
      }
    }
    this.#applyMicrophone();
  }

  /**
   * Changes session settings: sent at once when a call is running (merged over the session as the service has it),
   * and kept for every later call. The voice cannot change once the model has spoken (`voice_locked`).
   */
  updateSession(options: SessionOptions): void {
    const voice = this.#voice ?? this.#options.session?.voice;
    if (options.voice && this.#audioHeard && voice && options.voice !== voice) throw this.#report(new VoiceError('voice_locked', voice, undefined, true));
    const current = this.#options.session ?? {};
    this.#options = { ...this.#options, session: { ...current, ...options, extra: merge(current.extra ?? {}, options.extra ?? {}) } };
    if (this.#call?.openingId) this.#sendUpdate(options);
    if (!this.#pushToTalk) this.#talkingSince = undefined;
    this.#applyMicrophone();
  }

  /** Updates the page's tools; declared to the model at once when a call is running. */
  setTools(tools: readonly Tool[]): void {
    this.#options = { ...this.#options, tools };
    if (this.#call?.openingId) this.#sendUpdate({ tools });
  }

  /** Switches to another microphone without interrupting the call; `undefined` means the default device. */
  async setMicrophone(deviceId: string | undefined): Promise<void> {
    await this.#call?.transport.useMicrophone(deviceId);
    this.#applyMicrophone();
  }

  /** Answers an MCP tool's approval request; the model goes on (or is told no). */
  respondToApproval(requestId: string, approve: boolean): void {
    const request = this.#conversation.get(requestId);
    if (request?.kind !== 'mcp_approval_request' || request.approval) return;
    this.#emitChanges(this.#conversation.setApproval(requestId, approve));
    this.send(approvalResponse(requestId, approve));
    this.send({ type: 'response.create' });
  }

  /** Ends the conversation and releases everything. Safe to call at any time, any number of times. */
  stop(): void {
    if (!isRunning(this.#state)) return;
    this.#close();
    this.#setState('ended');
  }

  /**
   * Sends a client event. Held while the call is being set up; `response.create` waits until no response is active
   * (the service refuses a second one with `conversation_already_has_active_response`).
   */
  send(event: ClientEvent): void {
    if (!event || typeof event !== 'object' || typeof event.type !== 'string') throw new TypeError('a client event needs a string `type`');
    if (!isRunning(this.#state)) throw this.#report(new VoiceError('not_connected', '', undefined, true));
    const withId = this.#withId(event);
    if (new TextEncoder().encode(JSON.stringify(withId)).length > MAX_MESSAGE_BYTES) throw this.#report(new VoiceError('message_too_large', '', undefined, true));
    if (withId.type === 'conversation.item.create' && (withId.item as { role?: string } | undefined)?.role === 'user') this.#turns.start('text');
    try {
      if (withId.type === 'response.create') this.#responses.request(withId);
      else this.#outbox.put(withId);
    } catch (e) {
      throw e instanceof VoiceError ? this.#report(e) : e;
    }
  }

  #withId(event: ClientEvent, tag = 'rvc'): ClientEvent {
    return event.event_id ? event : { ...event, event_id: `evt_${tag}_${++this.#eventCounter}` };
  }

  #transmit(transport: Transport, event: ClientEvent): void {
    const message = JSON.stringify(event);
    transport.send(message);
    const shown = redact(message);
    this.#emit('clientevent', { event: shown === message ? event : (JSON.parse(shown) as ClientEvent) });
  }

  #sendUpdate(options: SessionOptions): void {
    this.send(sessionUpdate(options, this.#call?.effective, { pageTools: this.#pageTools }));
    if (options.tools) this.#pageTools = new Set(options.tools.map((tool) => tool.name));
  }

  #receive(data: unknown): void {
    // Redacted before anything reads it: a key in a server message reaches no event, item, log or error.
    const result = classify(typeof data === 'string' ? redact(data) : data);
    if (result.kind === 'invalid') {
      this.#report(new VoiceError('server_event_invalid', result.reason, undefined, true));
      // Whatever else it carries, a response.done means the response is over: the next one may go.
      if (result.raw?.type === 'response.done') this.#responseDone(false);
      return;
    }
    this.#emit('serverevent', { event: result.raw });
    if (result.kind === 'known') this.#apply(result.event);
  }

  #apply(event: KnownServerEvent): void {
    const call = this.#call!;
    switch (event.type) {
      case 'session.created':
        call.effective = event.session;
        if (!call.openingId) this.#configure(call);
        break;
      case 'session.updated':
        call.effective = event.session;
        this.#voice = (event.session.audio as { output?: { voice?: string } } | undefined)?.output?.voice ?? this.#voice;
        if (call.liveAt === undefined) {
          call.configured = true;
          return this.#goLive(call);
        }
        break;
      case 'error': {
        const { code, message, event_id: eventId } = event.error;
        if (eventId && eventId === call.openingId && call.liveAt === undefined) return this.#fail(new VoiceError('session_rejected', message ?? code ?? '', undefined, false, code ?? undefined));
        // The service's time limit: it hangs up next. The call is over (the page may start a new one).
        if (code === 'session_expired') return this.#lose(new VoiceError('session_expired', message ?? '', undefined, false, code));
        this.#responses.refused(eventId, code);
        this.#report(new VoiceError('server_error', message ?? code ?? 'error', undefined, true, code ?? undefined));
        break;
      }
      case 'input_audio_buffer.speech_started':
        this.#turns.cancel();
        break;
      case 'input_audio_buffer.speech_stopped':
        this.#turns.start('speech');
        break;
      case 'output_audio_buffer.started':
        this.#audioPlaying = this.#audioHeard = true;
        break;
      case 'output_audio_buffer.stopped':
      case 'output_audio_buffer.cleared':
        this.#audioPlaying = false;
        break;
      case 'response.created':
        this.#responses.created();
        break;
      case 'response.output_item.done':
        void this.#itemDone(event.item);
        break;
      case 'response.done': {
        const { status, status_details: details, output_modalities: modalities } = event.response;
        this.#responseDone(status === 'completed');
        if (modalities && !modalities.includes('audio')) this.#turns.cancel();
        if (status === 'failed') {
          this.#turns.cancel();
          this.#report(new VoiceError('response_failed', details?.error?.message ?? '', undefined, true, details?.error?.code ?? details?.error?.type ?? undefined));
        }
        break;
      }
      case 'conversation.item.truncated':
        // The service cut the item to what was heard: its copy has the words the visitor actually heard.
        this.send({ type: 'conversation.item.retrieve', item_id: event.item_id });
        break;
      case 'conversation.item.input_audio_transcription.failed':
        this.#report(new VoiceError('transcription_failed', event.error?.message ?? '', undefined, true, event.error?.code ?? undefined));
        break;
    }
    const usage = addUsage(this.#usage, event);
    if (usage) this.#emit('usage', { usage: (this.#usage = usage) });
    if (this.#state === 'live' && this.#talkingSince === undefined) this.#setActivity(nextActivity(this.#activity, event));
    const echo = (event.type === 'conversation.item.added' || event.type === 'conversation.item.done') && this.#reseeded.has(event.item.id);
    if (!echo) this.#emitChanges(this.#conversation.apply(event));
  }

  /** The session is ready to be configured: the page's settings go out, merged over what the service has. */
  #configure(call: Call): void {
    const tools = this.#options.tools ?? [];
    const options = tools.length ? { ...this.#options.session, tools } : (this.#options.session ?? {});
    const update = this.#withId(sessionUpdate(options, call.effective, { transcribeByDefault: true }), 'open');
    tools.forEach((tool) => this.#pageTools.add(tool.name));
    call.openingId = update.event_id;
    this.#transmit(call.transport, update);
    this.#outbox.open((event) => this.#transmit(call.transport, event));
  }

  /** Live once both are true: the service applied the session, and the microphone is on the call (no "speak now" before). */
  #goLive(call: Call): void {
    if (this.#call !== call || !call.connected || !call.configured || call.liveAt !== undefined) return;
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
    call.poll = setInterval(() => void this.#pollLevels(call), LEVEL_POLL_MS);
  }

  /** Levels for the meters, and the per-turn clock: a turn ends when the model's voice is actually audible. */
  async #pollLevels(call: Call): Promise<void> {
    const levels = await call.transport.readLevels().catch(() => undefined);
    if (!levels || this.#call !== call) return;
    this.#levels = this.#muted ? { ...levels, input: 0 } : levels;
    this.#emit('levels', this.levels);
    const turn = this.#turns.level(levels.output);
    if (turn) this.#emit('metrics', { stages: this.metrics, turn });
  }

  async #itemDone(item: Extract<KnownServerEvent, { type: 'response.output_item.done' }>['item']): Promise<void> {
    if (item.type === 'function_call' && item.status === 'completed') (await this.#toolRunner()).run(item.name ?? '', item.call_id ?? '', item.arguments ?? '');
    if (item.type === 'mcp_approval_request') {
      const request = { id: item.id, server: item.server_label ?? '', name: item.name ?? '', arguments: item.arguments ?? '' };
      const event = new SessionEvent('approval', { request, respond: (approve: boolean) => this.respondToApproval(item.id, approve) }, true);
      this.dispatchEvent(event);
    }
  }

  #responseDone(completed: boolean): void {
    this.#responses.done();
    // Chained on the same promise as the calls, so it is seen after them.
    void this.#tools?.then((tools) => tools.responseDone(completed));
  }

  #toolRunner(): Promise<ToolRunner> {
    return (this.#tools ??= import('./tools.js').then(
      ({ ToolRunner }) =>
        new ToolRunner(
          () => this.#options.tools ?? [],
          (detail) => this.dispatchEvent(new SessionEvent('toolcall', detail, true)),
          (event) => this.#call && this.send(event),
          (name, message) => this.#report(new VoiceError('tool_failed', `${name}: ${message}`, undefined, true)),
          () => new Set(((this.#call?.effective?.tools as { name?: string }[] | undefined) ?? []).map((tool) => String(tool.name)).filter((name) => !this.#pageTools.has(name))),
        ),
    ));
  }

  #applyMicrophone(): void {
    this.#call?.transport.setMicrophoneEnabled(!this.#muted && (!this.#pushToTalk || this.#talkingSince !== undefined));
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

  #emitChanges(changed: ConversationItemList): void {
    if (changed.length) this.#emit('conversation', { items: this.#conversation.items, changed });
  }

  /** The conversation cannot go on: everything is released and the error shown. */
  #fail(error: VoiceError): void {
    if (!isRunning(this.#state)) return;
    this.#close();
    this.#report(error);
    this.#setState('failed');
  }

  /** Ends the conversation on the host's terms (`maxDurationMs`): not a failure, but said so. */
  #end(error: VoiceError): void {
    if (!isRunning(this.#state)) return;
    this.stop();
    this.#report(error);
  }

  /** A call is gone: if it was live, a replacement call carries the conversation on (within the policy's limits). */
  #lose(error: VoiceError): void {
    const call = this.#call;
    if (call?.liveAt === undefined || !this.#reconnect.attempt(performance.now() - call.liveAt)) return this.#fail(error);
    this.#teardown();
    this.#emitChanges(this.#conversation.addDivider(`divider_${++this.#eventCounter}`));
    this.#report(new VoiceError(error.code, error.detail, undefined, true, error.serverCode));
    void this.#open(true);
  }

  #report(error: VoiceError): VoiceError {
    this.#emit('error', { error });
    return error;
  }

  /** The conversation is over (not just its call): the host's time limit goes too. */
  #close(): void {
    clearTimeout(this.#maxTimer);
    this.#maxTimer = undefined;
    this.#teardown();
  }

  /** The one place a call's resources are released: stop, failures, replacement and element removal all end here. */
  #teardown(): void {
    const call = this.#call;
    this.#call = undefined;
    this.#outbox.close();
    this.#responses.reset();
    void this.#tools?.then((tools) => tools.reset());
    this.#talkingSince = undefined;
    this.#turns.cancel();
    this.#audioPlaying = false;
    this.#levels = { input: 0, output: 0 };
    this.#setActivity('idle');
    if (!call) return;
    clearTimeout(call.timer);
    clearInterval(call.poll);
    call.transport.close();
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

type ConversationItemList = ReturnType<ConversationState['apply']>;
