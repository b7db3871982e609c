import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  ClientEvent,
  ConnectStages,
  EphemeralKey,
  ErrorCode,
  SessionEvent,
  SessionEventDetails,
  SessionEventType,
  SessionOptions,
  SessionState,
  Tool,
  VoiceError,
  VoiceSession,
  VoiceSessionOptions,
} from '../core/index.js';
import type { KeyRequest } from '../core/keys/key-request.js';
import { MAX_WAITING } from '../core/shared.js';
import type { TokenSource } from '../core/keys/token-source.js';
import { ElementError, isRunning } from './element-error.js';
import { requestKey } from './key-request.js';
import { loadCore } from './core-loader.js';
import { appendLog, type LogEntry } from './event-log.js';
import {
  RvcActivityEvent,
  RvcCallEvent,
  RvcResponseEvent,
  RvcClientEvent,
  RvcErrorEvent,
  RvcMetricsEvent,
  RvcServerEvent,
  RvcStateEvent,
  RvcToolApprovalEvent,
  RvcToolCallEvent,
  RvcTranscriptEvent,
  RvcUsageEvent,
} from './events.js';
import type { UiStrings } from './i18n/strings.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly uiStrings: UiStrings };

/**
 * Where the controller is: loading the session code for a start (its abort), `failed` to load it, `ended` by Stop
 * while it loaded, or past all that (undefined): where the session's own state says.
 */
type Phase = AbortController | 'failed' | 'ended' | undefined;

export interface SessionControllerOptions {
  /** Paints the meters (they change ten times a second: no render). */
  showLevels: (levels: { input: number; output: number }) => void;
  /** The session's own audio was held back by the browser (autoplay rules). */
  onAudioBlocked: () => void;
  /** Whether the panel is on show: a closed floating panel is not rendered again for the transcript or the log. */
  panelShown: () => boolean;
}

/**
 * Bridges a {@link VoiceSession} to the element. The session is the one source of truth for the conversation: the
 * element reads it through {@link session}. The controller keeps only what the session does not — the event log, the
 * error on show, the remote stream — loads the session code on intent, turns each core event into a new `rvc-*` DOM
 * event, and stops the session when the host leaves the document.
 */
export class SessionController implements ReactiveController {
  log: LogEntry[] = [];
  /** The error on show; its message is looked up at render time so it follows `lang`. */
  error: { code: ErrorCode; detail: string } | undefined;
  remoteStream: MediaStream | null = null;
  /** Approval requests the page left to the visitor (the panel shows Approve and Deny). */
  readonly approvals = new Map<string, (approve: boolean) => void>();
  #session: VoiceSession | undefined;
  #phase: Phase;
  #state: SessionState = 'idle';
  #prefetched: { key: Promise<EphemeralKey | undefined>; abort: AbortController } | undefined;
  /** What the page sent while the session code loaded: handed to the session, in order, once it starts. */
  #early: ClientEvent[] = [];

  constructor(
    private readonly host: Host,
    private readonly options: SessionControllerOptions,
  ) {
    host.addController(this);
  }

  /** The start whose session code is loading, if one is. */
  get #loading(): AbortController | undefined {
    return this.#phase instanceof AbortController ? this.#phase : undefined;
  }

  get session(): VoiceSession | undefined {
    return this.#session;
  }

  /** `connecting` from the moment Start is pressed, even while the session code loads. */
  get state(): SessionState {
    const phase = this.#phase;
    return phase instanceof AbortController ? 'connecting' : (phase ?? this.#session?.state ?? 'idle');
  }

  get stages(): ConnectStages {
    return this.#session?.metrics ?? {};
  }

  /** Loads the session code, and with `source` fetches a key too (`prefetch`): a visitor showed intent. */
  preload(source?: TokenSource): void {
    void loadCore().catch(() => {});
    if (!source || this.#prefetched || isRunning(this.state)) return;
    const abort = new AbortController();
    const request = requestKey(source, abort.signal);
    // A failed prefetch is not an error the visitor sees: the start simply asks again.
    const key = loadCore()
      .then(({ getEphemeralKey }) => getEphemeralKey(source, abort.signal, request))
      .catch(() => undefined);
    this.#prefetched = { key, abort };
  }

  /** Starts a conversation; the key is asked for at once, while the session code loads. */
  async start(options: VoiceSessionOptions): Promise<void> {
    if (isRunning(this.state)) return;
    const opening = new AbortController();
    this.#phase = opening;
    this.error = undefined;
    this.approvals.clear();
    const prefetched = this.#prefetched;
    this.#prefetched = undefined;
    const keyRequest: KeyRequest | undefined =
      !prefetched && !options.callEndpoint && options.token ? requestKey(options.token, opening.signal) : undefined;
    this.#setState();
    let core: Awaited<ReturnType<typeof loadCore>>;
    try {
      core = await loadCore();
    } catch (e) {
      if (this.#loading !== opening) return;
      this.#phase = 'failed';
      this.report(new ElementError('load_failed', e instanceof Error ? e.message : String(e)));
      return this.#setState();
    }
    if (this.#loading !== opening) return;
    const session = new core.VoiceSession({ ...options, prefetchedKey: prefetched?.key, keyRequest });
    this.#session = session;
    this.#listen(session);
    this.#phase = undefined;
    const started = session.start();
    for (const event of this.#early.splice(0)) if (isRunning(session.state)) session.send(event);
    return started;
  }

  /** Sends a client event; while the session code loads it waits here (bounded, like the session's own queue). */
  send(event: ClientEvent): void {
    const session = this.#session;
    if (this.#loading && this.#early.length < MAX_WAITING) return void this.#early.push(event);
    const error = this.#loading
      ? new ElementError('queue_full', '', true)
      : !session || !isRunning(session.state)
        ? new ElementError('not_connected', '', true)
        : undefined;
    if (!error) return session!.send(event);
    this.report(error);
    throw error;
  }

  /** Mutes or unmutes the running call's microphone (at once, not at the next render). */
  mute(muted: boolean): void {
    const session = this.#session;
    if (session && isRunning(session.state)) session.muted = muted;
  }

  /**
   * Brings a running session in line with the element: its tools, and the settings that differ from the session's
   * (one `session.update`). A voice change after the model has spoken is reported (voice_locked) and shown. Mute has
   * its own path ({@link mute}).
   */
  sync(tools: readonly Tool[], next: SessionOptions): void {
    const session = this.#session;
    if (!session || !isRunning(session.state)) return;
    if (tools !== session.tools) session.setTools(tools);
    const current = session.sessionOptions;
    const differs = (Object.keys(next) as (keyof SessionOptions)[]).filter(
      (key) => JSON.stringify(next[key]) !== JSON.stringify(current[key]),
    );
    if (!differs.length) return;
    try {
      session.updateSession(Object.fromEntries(differs.map((key) => [key, next[key]])));
    } catch {
      // Reported as rvc-error and shown.
    }
  }

  stop(): void {
    this.#early = [];
    const loading = this.#loading;
    if (loading) {
      loading.abort();
      this.#phase = 'ended';
    }
    this.#session?.stop();
    this.#setState();
  }

  hostConnected(): void {
    addEventListener('pagehide', this.#onPageHide);
  }

  // Leaving the page (or entering the back/forward cache) ends the call: no microphone stays open behind the visitor.
  #onPageHide = () => this.stop();

  hostDisconnected(): void {
    removeEventListener('pagehide', this.#onPageHide);
    this.#prefetched?.abort.abort();
    this.#prefetched = undefined;
    // A move in the DOM disconnects and reconnects in one task: only a real removal ends the call.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.stop();
    });
  }

  /** Fires `rvc-state` when the state the element shows changed. */
  #setState(): void {
    const state = this.state;
    const previous = this.#state;
    if (state === previous) return;
    this.#state = state;
    if (state === 'connecting') this.remoteStream = null;
    // Restored: the notice about the lost connection has done its job.
    if (previous === 'reconnecting' && state === 'live') this.error = undefined;
    this.host.requestUpdate();
    this.host.dispatchEvent(new RvcStateEvent({ state, previous }));
  }

  #listen(session: VoiceSession): void {
    const host = this.host;
    // Every core event of the current session re-renders and may become a DOM event.
    const on = <K extends SessionEventType>(
      type: K,
      handle: (detail: SessionEventDetails[K], event: SessionEvent<K>) => Event | void,
      panelOnly = false,
    ) =>
      session.addEventListener(type, (event) => {
        if (this.#session !== session) return;
        const out = handle(event.detail, event);
        if (!panelOnly || this.options.panelShown()) host.requestUpdate();
        if (out) host.dispatchEvent(out);
      });
    on('statechange', () => this.#setState());
    // Each event is logged and reaches the page (the WebSocket's audio chunks never get here: its transport plays them).
    const passing = <K extends 'serverevent' | 'clientevent'>(
      type: K,
      direction: 'in' | 'out',
      make: (event: SessionEventDetails[K]['event']) => Event,
    ) =>
      session.addEventListener(type, ({ detail: { event } }) => {
        if (this.#session !== session) return;
        appendLog(this.log, direction, event.type, event);
        if (this.options.panelShown()) host.requestUpdate();
        host.dispatchEvent(make(event));
      });
    passing('serverevent', 'in', (event) => new RvcServerEvent({ event }));
    passing('clientevent', 'out', (event) => new RvcClientEvent({ event }));
    on(
      'conversation',
      ({ changed }) => {
        for (const item of changed) if (item.role !== 'system') host.dispatchEvent(new RvcTranscriptEvent({ item }));
      },
      true,
    );
    // Each new call id (a reconnect makes a new call) is announced once, as soon as the answer names it.
    let announced: string | undefined;
    on('metrics', ({ stages, turn, transport }) => {
      const { callId, attachTicket: ticket } = session;
      if (callId && callId !== announced)
        host.dispatchEvent(new RvcCallEvent({ callId: (announced = callId), ...(ticket ? { ticket } : {}) }));
      return new RvcMetricsEvent({ stages: { ...stages }, turn, transport });
    });
    on('activity', (detail) => new RvcActivityEvent({ ...detail }));
    on('response', (answer) => new RvcResponseEvent(answer), true);
    // The host's own setup, not the visitor's business: the console and the event log say it.
    on(
      'warning',
      ({ message }) => {
        console.warn(`<realtime-voice-chat>: ${message}`);
        appendLog(this.log, 'error', 'warning', message);
      },
      true,
    );
    on('usage', ({ usage }) => new RvcUsageEvent({ usage }));
    on('toolcall', ({ call, respond }, event) => {
      if (!host.dispatchEvent(new RvcToolCallEvent({ ...call, respond }))) event.preventDefault();
    });
    on('approval', ({ request, respond }, event) => {
      const answer = (approve: boolean) => {
        this.approvals.delete(request.id);
        respond(approve);
        host.requestUpdate();
      };
      // Unless the page answers (it cancels the event), the visitor decides in the panel.
      if (host.dispatchEvent(new RvcToolApprovalEvent({ ...request, respond: answer })))
        this.approvals.set(request.id, answer);
      else event.preventDefault();
    });
    on('remotestream', ({ stream }) => void (this.remoteStream = stream));
    on('audioblocked', () => this.options.onAudioBlocked());
    on('error', ({ error }) => this.report(error));
    // Levels change 10 to 20 times a second: the element paints the meters directly instead of re-rendering.
    session.addEventListener('levels', ({ detail }) => this.#session === session && this.options.showLevels(detail));
  }

  /** Shows an error and tells the host (`rvc-error`). The core's details are already redacted. */
  report(error: VoiceError | ElementError): void {
    const message = this.host.uiStrings.errors[error.code];
    const detail = error.detail;
    this.error = { code: error.code, detail };
    appendLog(this.log, 'error', error.code, detail || message);
    this.host.requestUpdate();
    this.host.dispatchEvent(
      new RvcErrorEvent({
        code: error.code,
        stage: error.stage,
        message,
        detail,
        recoverable: error.recoverable,
        serverCode: error.serverCode,
        status: error.status,
      }),
    );
  }
}
