import { changedItems, reduceConversation, type Conversation } from './conversation.js';
import { AbortedError, isAbort, VoiceError } from './errors.js';
import { DEFAULT_AUDIO_CONSTRAINTS, openMicrophone, stopStream } from './microphone.js';
import { sessionUpdate, type ClientEvent, type SessionOptions } from './protocol/client-events.js';
import { classify, type KnownServerEvent } from './protocol/server-events.js';
import { exchangeSdp } from './sdp.js';
import { SessionEvent, type ConnectStages, type SessionEventDetails, type SessionEventType, type SessionState, type Stage } from './session-events.js';
import { getEphemeralKey, type EphemeralKey, type TokenSource } from './token.js';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Chrome's SCTP max-message-size; larger messages are dropped silently by the browser. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
const MAX_QUEUED = 64;
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

export interface VoiceSessionOptions {
  /** Where the ephemeral key comes from. */
  token?: TokenSource | undefined;
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
  readonly startedAt: number;
  /** The microphone stream we opened (and so must stop); a host-supplied stream is never stored here. */
  ownedMic?: MediaStream;
  timer?: ReturnType<typeof setTimeout>;
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

  constructor(options: VoiceSessionOptions) {
    super();
    this.#options = options;
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

  /** Starts a call. Does nothing while one is connecting or live. Resolves when connected (or failed). */
  async start(): Promise<void> {
    if (this.#state === 'connecting' || this.#state === 'live') return;
    const { token, baseUrl = DEFAULT_BASE_URL, session = {} } = this.#options;
    this.#stages = {};
    this.#items = [];
    this.#queue = [this.#withId(sessionUpdate(session))];
    this.#callId = undefined;
    this.#setState('connecting');
    if (!token) return this.#fail(new VoiceError('config_missing', 'set token-endpoint or getToken'));
    if (typeof RTCPeerConnection === 'undefined') return this.#fail(new VoiceError('unsupported', 'RTCPeerConnection is not available'));

    const pc = new RTCPeerConnection();
    // The transceiver exists before the mic does, so the offer needs no mic and replaceTrack needs no renegotiation.
    const transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
    // The server only accepts events on a channel the client created before the offer.
    const channel = pc.createDataChannel('oai-events');
    const call: Call = { abort: new AbortController(), pc, channel, startedAt: performance.now() };
    this.#call = call;
    const { signal } = call.abort;
    call.timer = setTimeout(
      () => this.#fail(new VoiceError('connect_timeout', 'the call did not become ready in time')),
      this.#options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    );
    this.#wire(call);

    const microphone = (async () => {
      const stream = this.#options.microphone ?? (call.ownedMic = await openMicrophone({ ...DEFAULT_AUDIO_CONSTRAINTS, ...this.#options.audioConstraints }, signal));
      if (signal.aborted) throw new AbortedError();
      await transceiver.sender.replaceTrack(stream.getAudioTracks()[0] ?? null);
      this.#mark('microphone');
    })();
    const prefetched = this.#options.prefetchedKey?.catch(() => undefined) ?? Promise.resolve(undefined);
    const key = prefetched
      .then((k) => (usable(k) ? k : getEphemeralKey(token, signal)))
      .then((k) => (this.#mark('token'), k));
    const offer = pc
      .createOffer()
      .then((o) => pc.setLocalDescription(o))
      .then(() => this.#mark('offer'));
    const connect = (async () => {
      const [{ value }] = await Promise.all([key, offer]);
      const answer = await exchangeSdp(`${baseUrl.replace(/\/+$/, '')}/realtime/calls`, pc.localDescription!.sdp, value, signal);
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

  /** Ends the call and releases everything. Safe to call at any time, any number of times. */
  stop(): void {
    if (this.#state !== 'connecting' && this.#state !== 'live') return;
    this.#teardown();
    this.#setState('ended');
  }

  /**
   * Sends a client event. Queued while connecting; `response.create` waits until no response is active
   * (the server refuses a second one with `conversation_already_has_active_response`).
   */
  send(event: ClientEvent): void {
    if (!event || typeof event !== 'object' || typeof event.type !== 'string') throw new TypeError('a client event needs a string `type`');
    if (this.#state !== 'connecting' && this.#state !== 'live') throw this.#report(new VoiceError('not_connected', 'start a call first', undefined, true));
    const withId = this.#withId(event);
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
      throw this.#report(new VoiceError('message_too_large', `over ${MAX_MESSAGE_BYTES} bytes`, undefined, true));
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
    this.#emit('clientevent', { event });
  }

  #wire(call: Call): void {
    const { pc, channel } = call;
    pc.addEventListener('connectionstatechange', () => {
      if (this.#call !== call) return;
      if (pc.connectionState === 'connected') this.#mark('ice');
      if (pc.connectionState === 'failed') {
        this.#fail(new VoiceError('connection_failed', 'the network path to the server failed (a firewall blocking UDP?)'));
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
      if (this.#call === call) this.#fail(new VoiceError('channel_closed', 'the server closed the event channel'));
    });
    channel.addEventListener('message', (event: MessageEvent) => {
      if (this.#call === call) this.#receive(event.data);
    });
  }

  #receive(data: unknown): void {
    const result = classify(data);
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
        if (this.#state === 'connecting') {
          this.#mark('ready');
          clearTimeout(this.#call?.timer);
          this.#setState('live');
        }
        break;
      case 'response.created':
        this.#responseActive = true;
        break;
      case 'response.done':
        this.#releaseResponse();
        break;
      case 'error': {
        const { code, message, event_id } = event.error;
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
    const next = reduceConversation(this.#items, event);
    if (next !== this.#items) {
      const changed = changedItems(this.#items, next);
      this.#items = next;
      this.#emit('conversation', { items: next, changed });
    }
  }

  #mark(stage: Stage): void {
    const call = this.#call;
    if (!call || this.#stages[stage] !== undefined) return;
    this.#stages[stage] = Math.round(performance.now() - call.startedAt);
    this.#emit('metrics', { stages: this.metrics });
  }

  #fail(error: VoiceError): void {
    if (this.#state !== 'connecting' && this.#state !== 'live') return;
    this.#teardown();
    this.#report(error);
    this.#setState('failed');
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
    if (!call) return;
    call.abort.abort();
    clearTimeout(call.timer);
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
