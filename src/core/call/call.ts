import { DEFAULT_BASE_URL } from '../protocol/api.js';
import { VoiceError } from '../errors.js';
import { DEFAULT_AUDIO_CONSTRAINTS } from '../audio/microphone.js';
import { Outbox } from './outbox.js';
import type { ClientEvent } from '../protocol/client-events.js';
import { isOutOfBandRequest } from '../session/out-of-band.js';
import { redact } from '../redact.js';
import { ResponseSequencer } from './response-sequencer.js';
import type { ConnectStages, Stage } from '../session/session-events.js';
import { CallEvents, type CallEventMap } from './call-events.js';
import { LINK_TIMING, LinkWatch, type LinkTiming } from './link-watch.js';
import type { VoiceSessionOptions } from '../session/session-options.js';
import type { KeyRequest } from '../keys/key-request.js';
import { getEphemeralKey, type EphemeralKey } from '../keys/token.js';
import type { CallRoute, MicrophoneSource, Transport, TransportFactory } from '../transport/transport.js';
import { WebRtcTransport } from '../transport/webrtc-transport.js';
import { AutoTransport } from '../transport/auto-transport.js';
import { pinSocketAudio } from '../transport/socket/socket-audio.js';
import { firstChoice, type TransportChoice } from '../transport/transport-choice.js';
import { addressGone, deviceAddresses } from '../transport/device-addresses.js';

/** Chrome's SCTP max-message-size; larger messages are dropped silently by the browser. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
// How often a live call looks at its link (a stall is told within this of its threshold).
const LINK_LOOK_MS = 250;
// How often a stalled call asks whether the device's address changed under it.
const ADDRESS_LOOK_MS = 1000;
// A prefetched key this close to expiry is not used: the call must still be set up with it.
const KEY_MARGIN_MS = 15_000;
const usable = (key: EphemeralKey | undefined): key is EphemeralKey =>
  !!key && (key.expiresAt === undefined || key.expiresAt * 1000 - Date.now() > KEY_MARGIN_MS);

/**
 * One call of a conversation (a replacement call after a drop is another): its transport, the events on their way
 * out and the response gate, what the service said of its session, and its timers. It goes live once the service
 * applied the session and the microphone is on the call.
 */
export class Call {
  readonly transport: Transport;
  readonly responses = new ResponseSequencer((event) => this.#outbox.put(event));
  #outbox = new Outbox();
  #events = new CallEvents();
  readonly startedAt = performance.now();
  /** Connect-stage times, in ms since the call started. */
  readonly stages: ConnectStages = {};
  /** The session as the service last described it (`session.created`, then each `session.updated`). */
  effective: Record<string, unknown> | undefined;
  /** The opening `session.update`'s id: an `error` naming it means the service refused the session. */
  openingId: string | undefined;
  /** Reached `live` at this time: only such a call can be lost (and replaced). */
  liveAt: number | undefined;
  #connected = false;
  #configured = false;
  #closed = false;
  #timer: ReturnType<typeof setTimeout>;
  #poll: ReturnType<typeof setTimeout> | undefined;
  #look: ReturnType<typeof setTimeout> | undefined;
  #linkTiming: LinkTiming = LINK_TIMING;
  /** When the service's last message arrived (its event channel can die while its voice still flows). */
  #eventsAt: number | undefined;
  /** Ends the call's looks at the device's addresses. */
  #looks = new AbortController();

  /**
   * A call as the session's options describe it. The first call may use a key fetched ahead of time (`prefetched`)
   * or a key request already under way (`early`); a replacement call asks for a fresh key.
   */
  static for(
    options: VoiceSessionOptions,
    first: { prefetched?: Promise<EphemeralKey | undefined>; early?: KeyRequest } | undefined,
    fellBack = false,
  ): Call {
    const { token, callEndpoint, baseUrl = DEFAULT_BASE_URL, model, transport = 'auto' } = options;
    let early = first?.early;
    // One key serves every attempt of this call (a fallback reuses it) while it is valid.
    let current: EphemeralKey | undefined;
    // Callers at the same time share one request (never two keys for one call).
    let pending: Promise<EphemeralKey> | undefined;
    const fetchKey = async (fresh: boolean, signal: AbortSignal): Promise<EphemeralKey> => {
      const prefetched = fresh ? undefined : await first?.prefetched;
      if (usable(prefetched)) return prefetched;
      const request = fresh ? undefined : early;
      early = undefined;
      return getEphemeralKey(token!, signal, request);
    };
    const key =
      token &&
      (async (fresh: boolean, signal: AbortSignal) => {
        if (!fresh && usable(current)) return current;
        if (fresh || !pending) {
          const request = (pending = fetchKey(fresh, signal));
          void request.catch(() => {}).finally(() => pending === request && (pending = undefined));
        }
        return (current = await pending);
      });
    const factory: TransportFactory =
      typeof transport === 'function'
        ? transport
        : transport === 'webrtc'
          ? (route, microphone, handlers) => new WebRtcTransport(route, microphone, handlers)
          : (route, microphone, handlers) =>
              new AutoTransport(route, microphone, handlers, firstChoice(transport, !!token, fellBack));
    return new Call(
      factory,
      {
        baseUrl,
        callEndpoint,
        key,
        model,
        tools: options.tools?.map(({ name, description, parameters }) => ({ name, description, parameters })),
      },
      { stream: options.microphone, constraints: { ...DEFAULT_AUDIO_CONSTRAINTS, ...options.audioConstraints } },
      options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      options.linkTiming,
    );
  }

  /** Which transport carries the call, and why. */
  get choice(): TransportChoice {
    return this.transport instanceof AutoTransport
      ? this.transport.choice
      : { kind: this.transport.kind, reason: 'asked' };
  }

  constructor(
    factory: TransportFactory,
    route: CallRoute,
    microphone: MicrophoneSource,
    timeoutMs: number,
    linkTiming?: LinkTiming,
  ) {
    this.transport = factory(route, microphone, this.#events.forTransport());
    this.#events.on('message', () => (this.#eventsAt = performance.now()));
    if (linkTiming) this.#linkTiming = linkTiming;
    this.#timer = setTimeout(() => this.#events.emit('timeout', new VoiceError('connect_timeout')), timeoutMs);
  }

  /** Listens to one of the call's events (nothing arrives after {@link close}); returns the call, to chain. */
  on<K extends keyof CallEventMap>(type: K, listener: (...args: CallEventMap[K]) => void): this {
    this.#events.on(type, listener);
    return this;
  }

  /** Sends an event, or holds it until the session is configured; `response.create` passes the response gate. */
  put(event: ClientEvent): void {
    if (new TextEncoder().encode(JSON.stringify(event)).length > MAX_MESSAGE_BYTES)
      throw new VoiceError('message_too_large', '', undefined, true);
    // Out of band, a response holds no turn: it goes now, beside whatever the visitor's reply is doing.
    if (event.type === 'response.create' && !isOutOfBandRequest(event)) this.responses.request(event);
    else this.#outbox.put(event);
  }

  /** Configures the session with `update` (the first thing the call sends); what waited goes out after it. */
  configure(update: ClientEvent): void {
    this.openingId = update.event_id;
    this.#transmit(this.transport.kind === 'websocket' ? pinSocketAudio(update) : update);
    this.#outbox.open((event) => this.#transmit(event));
  }

  #transmit(event: ClientEvent): void {
    const message = JSON.stringify(event);
    this.transport.send(message);
    const shown = redact(message);
    this.#events.emit('sent', shown === message ? event : (JSON.parse(shown) as ClientEvent));
  }

  /** Connects the transport; true once the microphone is on the call (false if it was closed meanwhile). */
  async connect(): Promise<boolean> {
    await this.transport.connect();
    this.#connected = !this.#closed;
    return this.#connected;
  }

  /** The service applied the session (its first `session.updated`). */
  configured(): void {
    this.#configured = true;
  }

  /** Whether the session transcribes the visitor's speech. */
  get transcribes(): boolean {
    return !!(this.effective?.audio as { input?: { transcription?: unknown } } | undefined)?.input?.transcription;
  }

  /** Whether the service stops a reply when the visitor speaks over it (the session's `interrupt_response`). */
  get interruptsResponse(): boolean {
    const audio = this.effective?.audio as
      { input?: { turn_detection?: { interrupt_response?: boolean } | null } } | undefined;
    return audio?.input?.turn_detection?.interrupt_response !== false;
  }

  /** The transport is connected and the session configured, and the call is not live yet. */
  get ready(): boolean {
    return this.#connected && this.#configured && this.liveAt === undefined && !this.#closed;
  }

  /** The call is live: the connect timeout stops, `tick` runs every `everyMs()` (levels, turn timing). */
  live(tick: () => void, everyMs: () => number): void {
    clearTimeout(this.#timer);
    this.liveAt = performance.now();
    const next = () => {
      this.#poll = setTimeout(() => {
        if (this.#closed) return;
        tick();
        next();
      }, everyMs());
    };
    next();
    this.#watchLink();
  }

  /**
   * While live, the link is looked at: a stall is told (`interrupted`, `restored`), a dead one loses the call. A
   * stalled call whose device lost the address it had (Wi-Fi to mobile data) is lost at once: that path cannot return.
   */
  #watchLink(): void {
    const read = this.transport.readLink?.bind(this.transport);
    if (!read) return;
    let steady = true;
    // Neither the browser's online events nor ICE notice a changed address (Chromium on Linux watches links only).
    let addresses = deviceAddresses(this.#looks.signal);
    const watch = new LinkWatch(this.#linkTiming, {
      stalled: () => {
        this.#events.emit('interrupted');
        // A socket whose connection was reset says so only when we send: a no-op update finds out (and costs nothing).
        try {
          if (!steady) this.#transmit({ type: 'session.update', session: { type: 'realtime' } });
        } catch {
          // The socket is already gone: its close tells the session.
        }
        void lookAtAddresses();
      },
      restored: () => {
        addresses = deviceAddresses(this.#looks.signal);
        this.#events.emit('restored');
      },
      lost: (why) => this.#events.emit('lost', new VoiceError('connection_lost', why)),
    });
    const lookAtAddresses = async () => {
      while (watch.stalled && !this.#closed) {
        if (addressGone(await addresses, await deviceAddresses(this.#looks.signal)))
          return watch.lose("the device's network address changed");
        await new Promise((resolve) => setTimeout(resolve, ADDRESS_LOOK_MS));
      }
    };
    const look = () => {
      this.#look = setTimeout(() => {
        void read()
          .catch(() => undefined)
          .then((reading) => {
            if (this.#closed) return;
            if (!reading) return look();
            steady = reading.steady;
            watch.check({ ...reading, eventsAt: this.#eventsAt }, this.responses.active, performance.now());
            look();
          });
      }, LINK_LOOK_MS);
    };
    look();
  }

  /** Records when `stage` was reached, the first time only; returns whether it was the first. */
  mark(stage: Stage): boolean {
    if (this.stages[stage] !== undefined) return false;
    this.stages[stage] = Math.round(performance.now() - this.startedAt);
    return true;
  }

  close(): void {
    this.#closed = true;
    this.#events.mute();
    this.#outbox.close();
    this.responses.reset();
    clearTimeout(this.#timer);
    clearTimeout(this.#poll);
    clearTimeout(this.#look);
    this.#looks.abort();
    this.transport.close();
  }
}
