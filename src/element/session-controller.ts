import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { redact, VoiceSession, type Activity, type ConnectStages, type Conversation, type ErrorCode, type Levels, type SessionState, type VoiceError, type VoiceSessionOptions } from '../core/index.js';
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
    if (this.state === 'connecting' || this.state === 'live') return Promise.resolve();
    const session = new VoiceSession(options);
    this.#session = session;
    this.error = undefined;
    this.#listen(session);
    return session.start();
  }

  stop(): void {
    this.#session?.stop();
  }

  hostDisconnected(): void {
    // A move in the DOM disconnects and reconnects in one task: only a real removal ends the call.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.stop();
    });
  }

  #listen(session: VoiceSession): void {
    const host = this.host;
    const current = () => this.#session === session;
    session.addEventListener('statechange', ({ detail }) => {
      if (!current()) return;
      this.state = detail.state;
      if (detail.state === 'connecting') this.remoteStream = null;
      host.requestUpdate();
      host.dispatchEvent(new RvcStateEvent({ ...detail }));
    });
    session.addEventListener('serverevent', ({ detail }) => {
      if (!current()) return;
      this.log = appendLog(this.log, 'in', detail.event.type, detail.event);
      host.requestUpdate();
      host.dispatchEvent(new RvcServerEvent({ event: detail.event }));
    });
    session.addEventListener('clientevent', ({ detail }) => {
      if (!current()) return;
      this.log = appendLog(this.log, 'out', detail.event.type, detail.event);
      host.requestUpdate();
      host.dispatchEvent(new RvcClientEvent({ event: detail.event }));
    });
    session.addEventListener('conversation', ({ detail }) => {
      if (!current()) return;
      this.items = detail.items;
      host.requestUpdate();
      for (const item of detail.changed) if (item.role !== 'system') host.dispatchEvent(new RvcTranscriptEvent({ item }));
    });
    session.addEventListener('metrics', ({ detail }) => {
      if (!current()) return;
      this.stages = detail.stages;
      host.dispatchEvent(new RvcMetricsEvent({ stages: { ...detail.stages }, turn: detail.turn }));
    });
    session.addEventListener('activity', ({ detail }) => {
      if (!current()) return;
      this.activity = detail.activity;
      host.requestUpdate();
      host.dispatchEvent(new RvcActivityEvent({ ...detail }));
    });
    // Levels change 20 times a second: the element paints the meters directly instead of re-rendering.
    session.addEventListener('levels', ({ detail }) => current() && this.showLevels(detail));
    session.addEventListener('toolcall', (event) => {
      if (!current()) return;
      const { call, respond } = event.detail;
      if (!host.dispatchEvent(new RvcToolCallEvent({ ...call, respond }))) event.preventDefault();
    });
    session.addEventListener('remotestream', ({ detail }) => {
      if (!current()) return;
      this.remoteStream = detail.stream;
      host.requestUpdate();
    });
    session.addEventListener('error', ({ detail }) => {
      if (current()) this.report(detail.error);
    });
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
