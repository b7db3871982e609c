import type {
  Activity,
  AskOptions,
  ClientEvent,
  ConnectStages,
  Conversation,
  Levels,
  OutOfBandAnswer,
  SessionOptions,
  SessionState,
  Usage,
} from '../core/index.js';
import { ChatProperties } from './chat-properties.js';
import { ElementError, isRunning } from './element-error.js';
import { levelPainter } from './panel/panel-parts.js';
import { SessionController } from './session-controller.js';
import { PersistController } from './controllers/persist-controller.js';
import { appendLog } from './event-log.js';
import type { UiStrings } from './i18n/strings.js';
import type { Transcript } from './chunks/transcript-actions.js';

/**
 * What a page's script reads of the conversation and calls on it: the element's readouts and methods, each a thin
 * door to the {@link SessionController}. {@link RealtimeVoiceChat} adds the panel that shows it all.
 */
export abstract class ChatApi extends ChatProperties {
  protected readonly controller = new SessionController(this, {
    showLevels: levelPainter(() => this.renderRoot),
    onAudioBlocked: () => this.audioHeldBack(),
    panelShown: () => this.layout !== 'floating' || this.open,
  });
  /** The conversation kept for the next page (`persist`). */
  protected readonly kept = new PersistController(this, {
    conversation: () => this.controller.session?.transcript ?? [],
    running: () => isRunning(this.state),
    takenOver: () => {
      this.controller.stop();
      this.controller.report(new ElementError('taken_over', '', true));
    },
    log: (message) => {
      appendLog(this.controller.log, 'error', 'storage', message);
      this.requestUpdate();
    },
  });
  /** Settings given through `updateSession()`: they win over the attributes until an attribute changes again. */
  protected overrides: SessionOptions = {};

  /** The UI strings in effect (language plus overrides). */
  abstract get uiStrings(): UiStrings;
  /** The browser held the voice back (autoplay rules). */
  protected abstract audioHeldBack(): void;
  /** Start was asked for (inside the visitor's click, when there was one). */
  protected abstract starting(): void;

  /** The session state: `idle`, `connecting`, `live`, `reconnecting`, `ended` or `failed`. */
  get state(): SessionState {
    return this.controller.state;
  }
  /** The conversation so far, in order; dividers (`role: "divider"`) mark where a replacement call took over. */
  get conversation(): Conversation {
    return this.controller.session?.conversation ?? this.kept.restored;
  }
  /** Connect-stage times of the current (or last) call, in ms since start. */
  get metrics(): ConnectStages {
    return { ...this.controller.stages };
  }
  /** The server's id of the current call (`rtc_…`), e.g. for a server-side hangup or control connection. */
  get callId(): string | undefined {
    return this.controller.session?.callId;
  }
  /** Who is speaking: `listening`, `user-speaking`, `thinking`, `assistant-speaking`, or `idle` with no call. */
  get activity(): Activity {
    return this.controller.session?.activity ?? 'idle';
  }
  /** Microphone and voice loudness, 0..1, while live. */
  get levels(): Levels {
    return this.controller.session?.levels ?? { input: 0, output: 0 };
  }
  /** Tokens used in this conversation so far, by kind, and the service's latest rate limits (hosts meter cost with it). */
  get usage(): Usage | undefined {
    return this.controller.session?.usage;
  }
  /** Whether push-to-talk is held. */
  get talking(): boolean {
    return !!this.controller.session?.talking;
  }
  /** The page's session settings: the attributes, with what `updateSession()` gave over them. */
  protected settings(): SessionOptions {
    return { ...this.sessionSettings(), ...this.overrides };
  }

  /** Starts a conversation (asks for the microphone). Resolves once connected or failed; does nothing if already running. */
  start(): Promise<void> {
    this.starting();
    return this.controller.start({ ...this.callOptions(), session: this.settings(), restored: this.kept.latest() });
  }

  /** Asks the model beside the conversation (out of band): resolves with its text; nothing enters the transcript. */
  ask(instructions: string, options?: AskOptions): Promise<OutOfBandAnswer> {
    return (
      this.controller.session?.ask(instructions, options) ?? Promise.reject(new ElementError('not_connected', '', true))
    );
  }

  /** Stops the model's reply (cancels the response, clears unplayed audio). Returns whether a reply was stopped. */
  interrupt(): boolean {
    return this.controller.session?.interrupt() ?? false;
  }

  /** Push-to-talk by code: `true` opens the turn, `false` sends it (with `turn-detection="none"`). */
  pushToTalk(pressed: boolean): void {
    this.controller.session?.talk(pressed);
    this.requestUpdate();
  }

  /**
   * Changes session settings: at once in a running conversation, and for every later one (they win over the
   * attributes until an attribute changes again). A new voice after the model has spoken fails with `voice_locked`.
   */
  updateSession(options: SessionOptions): void {
    this.overrides = { ...this.overrides, ...options };
    if (isRunning(this.state)) this.controller.session?.updateSession(options);
    this.requestUpdate();
  }

  /**
   * The conversation as a host keeps it (what "Download as JSON" saves): `{items: [{id, role, text, status, time}]}`,
   * `time` when the item was first seen (ISO 8601).
   */
  transcript(): Transcript {
    return { items: this.controller.session?.transcript ?? [...this.kept.restored] };
  }

  /** Ends the conversation: microphone released, connection closed, nothing kept for the next page. */
  stop(): void {
    this.controller.stop();
    this.kept.forget();
  }

  /** Sends a user text message and asks for a reply. Throws (and fires `rvc-error`) when not connected. */
  sendText(text: string): void {
    this.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
    });
    this.send({ type: 'response.create' });
  }

  /** Sends any client event (queued until the call is ready). Throws (and fires `rvc-error`) when not connected. */
  send(event: ClientEvent): void {
    this.controller.send(event);
  }
}
