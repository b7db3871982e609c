import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isRunning, redact, VoiceSession, type SessionEvent, type SessionEventDetails, type SessionEventType, type Activity, type ConnectStages, type Conversation, type ErrorCode, type Levels, type SessionState, type VoiceError, type VoiceSessionOptions } from '../core/index.js';
import { appendLog, type LogEntry } from './event-log.js';
import { RvcActivityEvent, RvcClientEvent, RvcErrorEvent, RvcMetricsEvent, RvcServerEvent, RvcStateEvent, RvcToolCallEvent, RvcTranscriptEvent } from './events.js';
import type { UiStrings } from './strings.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly uiStrings: UiStrings };

/**
 * Bridges a {@link VoiceSession} to the element: creates it on start, mirrors its state for rendering, turns each core
 * event into a new `rvc-*` DOM event on the host, and stops it when the host leaves the document.
 */
export class SessionController implements ReactiveController {
  state: SessionState = 'idle';
  items: Conversation = [];
  stages: ConnectStages = {};
  log: readonly LogEntry[] = [];
  /** The last error; its message is looked up at render time so it follows `lang`. */
  error: { code: ErrorCode; detail: string } | undefined;
  remoteStream: MediaStream | null = null;
  activity: Activity = 'idle';
  #session: VoiceSession | undefined;

  constructor(
    private readonly host: Host,
    private readonly showLevels: (levels: Levels) => void,
  ) {
    host.addController(this);
  }

  get session(): VoiceSession | undefined {
    return this.#session;
  }

  start(options: VoiceSessionOptions): Promise<void> {
    if (isRunning(this.state)) return Promise.resolve();
    const session = new VoiceSession(options);
    this.#session = session;
    this.error = undefined;
    this.#listen(session);
    return session.start();
  }

  stop(): void {
    this.#session?.stop();
  }

  hostConnected(): void {
    addEventListener('pagehide', this.#onPageHide);
  }

  // Leaving the page (or entering the back/forward cache) ends the call: no microphone stays open behind the visitor.
  #onPageHide = () => this.stop();

  hostDisconnected(): void {
    removeEventListener('pagehide', this.#onPageHide);
    // A move in the DOM disconnects and reconnects in one task: only a real removal ends the call.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.stop();
    });
  }

  #listen(session: VoiceSession): void {
    const host = this.host;
    // Every core event of the current session updates the mirror, re-renders and may become a DOM event.
    const on = <K extends SessionEventType>(type: K, handle: (detail: SessionEventDetails[K], event: SessionEvent<K>) => Event | void) =>
      session.addEventListener(type, (event) => {
        if (this.#session !== session) return;
        const out = handle(event.detail, event);
        host.requestUpdate();
        if (out) host.dispatchEvent(out);
      });
    on('statechange', (detail) => {
      this.state = detail.state;
      if (detail.state === 'connecting') this.remoteStream = null;
      // Restored: the notice about the lost connection has done its job.
      if (detail.previous === 'reconnecting' && detail.state === 'live') this.error = undefined;
      return new RvcStateEvent({ ...detail });
    });
    on('serverevent', ({ event }) => {
      this.log = appendLog(this.log, 'in', event.type, event);
      return new RvcServerEvent({ event });
    });
    on('clientevent', ({ event }) => {
      this.log = appendLog(this.log, 'out', event.type, event);
      return new RvcClientEvent({ event });
    });
    on('conversation', ({ items, changed }) => {
      this.items = items;
      for (const item of changed) if (item.role !== 'system') host.dispatchEvent(new RvcTranscriptEvent({ item }));
    });
    on('metrics', ({ stages, turn }) => {
      this.stages = stages;
      return new RvcMetricsEvent({ stages: { ...stages }, turn });
    });
    on('activity', (detail) => {
      this.activity = detail.activity;
      return new RvcActivityEvent({ ...detail });
    });
    on('toolcall', ({ call, respond }, event) => {
      if (!host.dispatchEvent(new RvcToolCallEvent({ ...call, respond }))) event.preventDefault();
    });
    on('remotestream', ({ stream }) => void (this.remoteStream = stream));
    on('error', ({ error }) => this.report(error));
    // Levels change 20 times a second: the element paints the meters directly instead of re-rendering.
    session.addEventListener('levels', ({ detail }) => this.#session === session && this.showLevels(detail));
  }

  /** Shows an error and tells the host (`rvc-error`). */
  report(error: VoiceError): void {
    const message = this.host.uiStrings.errors[error.code];
    const detail = redact(error.detail);
    this.error = { code: error.code, detail };
    this.log = appendLog(this.log, 'error', error.code, detail || message);
    this.host.requestUpdate();
    this.host.dispatchEvent(
      new RvcErrorEvent({ code: error.code, message, detail, recoverable: error.recoverable, serverCode: error.serverCode, status: error.status }),
    );
  }
}
